// The operators' view: consumer lag per topic and group, dead letters, and replay after a confirmation.
import { html, useState, useEffect } from '../html.js';
import { ErrorBox } from './common.js';

export function Ops({ t, api }) {
  const [queues, setQueues] = useState(null);
  const [error, setError] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [result, setResult] = useState(null);
  async function load() {
    try {
      const r = await api.get('/api/ops/queues');
      setQueues(r.body);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
    const timer = setInterval(load, 10000);
    return () => clearInterval(timer);
  }, []);
  async function replay(topic) {
    setConfirming(null);
    try {
      const r = await api.post(`/api/ops/dead-letters/${encodeURIComponent(topic)}/replay`);
      setResult(t('ops.replayed', { n: r.body.replayed, topic }));
      load();
    } catch (e) {
      setError(e);
    }
  }
  return html`<h1>${t('ops.title')}</h1>
    <${ErrorBox} t=${t} error=${error} />
    ${result && html`<p class="alert alert-info" role="status" id="replay-result">${result}</p>`}
    ${queues?.topics.map((topic) => html`<section class="card topic" data-topic=${topic.name}>
      <h2 class="mono">${topic.name}</h2>
      <p class="muted small">${t('ops.partitions', { n: topic.partitions })} · ${t('ops.endOffset', { n: topic.endOffset })}</p>
      <table><thead><tr><th>${t('ops.group')}</th><th>${t('ops.lag')}</th></tr></thead>
        <tbody>${topic.consumerGroups.map((g) => html`<tr><td class="mono">${g.groupId}</td><td class=${g.lag > 0 ? 'warn' : ''}>${g.lag}</td></tr>`)}</tbody></table>
      ${topic.deadLetter && html`<p>${t('ops.deadLetters', { name: topic.deadLetter.name, n: topic.deadLetter.count })}</p>
        ${confirming === topic.name
          ? html`<div class="confirm"><p>${t('ops.replayConfirm', { n: topic.deadLetter.count, topic: topic.name })}</p>
              <button type="button" class="danger" id=${`replay-confirm-${topic.name}`} onClick=${() => replay(topic.name)}>${t('ops.replayYes')}</button>
              <button type="button" onClick=${() => setConfirming(null)}>${t('common.cancel')}</button></div>`
          : html`<button type="button" id=${`replay-${topic.name}`} disabled=${topic.deadLetter.count === 0} onClick=${() => setConfirming(topic.name)}>${t('ops.replay')}</button>`}`}
    </section>`)}`;
}

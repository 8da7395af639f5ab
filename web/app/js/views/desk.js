// The officer and supervisor desk: the office queue by SLA due date, and one application with its documents,
// history and exactly the actions the person's role allows now.
import { html, useState, useEffect, useRef } from '../html.js';
import { localized } from '../lib/i18n.js';
import { dateTime, bytes as bytes_, daysFrom } from '../lib/format.js';
import { allowedActions, needsReason } from '../lib/roles.js';
import { query } from '../lib/api.js';
import { ErrorBox, StateBadge, formValue } from './common.js';
import { History } from './applicant.js';

const STATES = ['SUBMITTED', 'UNDER_REVIEW', 'REVISION_REQUESTED', 'RECOMMENDED', 'AWAITING_PAYMENT', 'ISSUED', 'REJECTED', 'WITHDRAWN', 'REVOKED'];

function Due({ t, app }) {
  if (!app.dueAt) return html`<span class="muted">–</span>`;
  const days = daysFrom(app.dueAt);
  if (app.overdue) return html`<span class="overdue" data-overdue="true">${t('desk.overdue')}</span>`;
  return html`<span>${t('desk.dueIn', { n: Math.max(days, 0) })}</span>`;
}

export function Desk({ t, lang, api, live }) {
  const [types, setTypes] = useState([]);
  const [filter, setFilter] = useState({ state: '', permitType: '', overdue: false, q: '' });
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get('/api/permit-types').then((r) => setTypes(r.body)).catch(() => {});
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => {
      api.get(`/api/applications${query({ ...filter, sort: 'dueAt,asc', size: 100 })}`)
        .then((r) => { setPage(r.body); setError(null); }).catch(setError);
    }, 250);
    return () => clearTimeout(timer);
  }, [filter.state, filter.permitType, filter.overdue, filter.q, live]);
  const set = (k) => (e) => setFilter({ ...filter, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  // Files the office holds come first by due date; drafts and closed files (no due date) after them.
  const rows = page ? [...page.content].sort((a, b) => (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity)) : [];
  return html`<h1>${t('desk.title')}</h1>
    <form class="filters card" id="filters" onSubmit=${(e) => e.preventDefault()}>
      <label>${t('desk.state')} <select id="filter-state" value=${filter.state} onChange=${set('state')}>
        <option value="">${t('desk.all')}</option>
        ${STATES.map((s) => html`<option value=${s}>${t(`state.${s}`)}</option>`)}
      </select></label>
      <label>${t('desk.permitType')} <select id="filter-type" value=${filter.permitType} onChange=${set('permitType')}>
        <option value="">${t('desk.all')}</option>
        ${types.map((ty) => html`<option value=${ty.code}>${localized(ty.name, lang)}</option>`)}
      </select></label>
      <label class="check-label"><input type="checkbox" id="filter-overdue" checked=${filter.overdue} onChange=${set('overdue')} /> ${t('desk.overdueOnly')}</label>
      <label>${t('desk.search')} <input type="search" id="filter-q" maxlength="100" value=${filter.q} onInput=${set('q')} placeholder=${t('desk.searchHint')} /></label>
    </form>
    <${ErrorBox} t=${t} error=${error} />
    ${page && html`<p class="muted small" id="queue-count">${t('desk.count', { n: page.page.totalElements })}</p>`}
    <div class="table-wrap"><table class="queue" id="queue">
      <thead><tr><th>${t('desk.registration')}</th><th>${t('desk.permitType')}</th><th>${t('desk.applicant')}</th><th>${t('desk.state')}</th><th>${t('desk.due')}</th><th>${t('desk.assignee')}</th></tr></thead>
      <tbody>
        ${rows.map((a) => html`<tr class=${a.overdue ? 'row-overdue' : ''} data-id=${a.id}>
          <td><a href=${`/desk/${a.id}`}>${a.registrationNumber ?? a.id}</a></td>
          <td>${localized(a.permitTypeName, lang)}</td>
          <td>${a.applicant?.name}</td>
          <td><${StateBadge} t=${t} state=${a.state} /></td>
          <td>${dateTime(a.dueAt, lang)}<br /><${Due} t=${t} app=${a} /></td>
          <td>${a.assignee ?? '–'}</td>
        </tr>`)}
      </tbody>
    </table></div>`;
}

/**
 * A document of the file. PDFs are drawn by pdf.js in a frame sandboxed without same-origin (pdf-frame.html): the
 * bytes go in by postMessage, nothing of the session goes with them. Images are shown as images.
 */
function DocumentViewer({ t, lang, api, doc }) {
  const [url, setUrl] = useState(null);
  const [bytes, setBytes] = useState(null);
  const [error, setError] = useState(null);
  const frame = useRef(null);
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  useEffect(() => {
    if (!bytes) return undefined;
    const onMessage = (e) => {
      if (e.source === frame.current?.contentWindow && e.data === 'pdf-frame-ready') {
        const copy = bytes.slice(0);
        e.source.postMessage(copy, '*', [copy]);
      }
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, [bytes]);
  async function open() {
    try {
      const blob = await api.blob(`/api/documents/${encodeURIComponent(doc.id)}/content`);
      setUrl(URL.createObjectURL(new Blob([blob], { type: doc.contentType })));
      if (doc.contentType === 'application/pdf') setBytes(await blob.arrayBuffer());
    } catch (e) {
      setError(e);
    }
  }
  return html`<li class="document" data-id=${doc.id}>
    <strong>${doc.requirementCode}</strong> ${doc.filename} <span class="muted small">${doc.contentType}, ${bytes_(doc.size, lang)}, ${dateTime(doc.uploadedAt, lang)}</span>
    ${!url && html` <button type="button" class="view-document" onClick=${open}>${t('desk.view')}</button>`}
    ${url && html` <a href=${url} download=${doc.filename}>${t('desk.download')}</a>`}
    <${ErrorBox} t=${t} error=${error} />
    ${bytes && html`<iframe class="pdf" ref=${frame} sandbox="allow-scripts" src="/pdf-frame.html" title=${doc.filename} referrerpolicy="no-referrer"></iframe>`}
    ${url && doc.contentType.startsWith('image/') && html`<img class="preview" src=${url} alt=${doc.filename} />`}
  </li>`;
}

export function Review({ t, lang, api, user, params, live }) {
  const [app, setApp] = useState(null);
  const [etag, setEtag] = useState(null);
  const [history, setHistory] = useState([]);
  const [docs, setDocs] = useState([]);
  const [type, setType] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [pending, setPending] = useState(null);
  const [text, setText] = useState('');
  const id = params.id;
  async function load() {
    try {
      const r = await api.get(`/api/applications/${encodeURIComponent(id)}`);
      setApp(r.body);
      setEtag(r.etag);
      const [h, d, ty] = await Promise.all([api.get(`/api/applications/${encodeURIComponent(id)}/history`),
        api.get(`/api/documents${query({ applicationId: id })}`), api.get(`/api/permit-types/${r.body.permitTypeCode}`)]);
      setHistory(h.body);
      setDocs(d.body);
      setType(ty.body);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
  }, [id]);
  useEffect(() => {
    if (live && live.applicationId === id) load();
  }, [live]);
  if (!app) return html`<${ErrorBox} t=${t} error=${error} />${!error && html`<p class="muted">${t('common.loading')}</p>`}`;
  const actions = allowedActions(app, user);
  async function act(action) {
    if (needsReason(action) && !text.trim()) {
      setNotice(t('desk.reasonRequired'));
      return;
    }
    const body = action === 'assign' ? {} : needsReason(action) ? { reason: text.trim() } : { note: text.trim() || null };
    try {
      const r = await api.post(`/api/applications/${encodeURIComponent(id)}/${action}`, body, { headers: { 'If-Match': etag } });
      setApp(r.body);
      setEtag(r.etag);
      setPending(null);
      setText('');
      setNotice(t(`desk.done.${action}`));
      setError(null);
      load();
    } catch (e) {
      if (e.status === 412) setNotice(t('error.stale'));
      else setError(e);
    }
  }
  return html`<h1>${app.registrationNumber ?? app.id}</h1>
    <section class="card" id="application" data-state=${app.state}>
      <p><${StateBadge} t=${t} state=${app.state} /> ${localized(app.permitTypeName, lang)} · ${app.officeCode}</p>
      <dl class="facts">
        <dt>${t('desk.applicant')}</dt><dd>${app.applicant?.name} ${app.applicant?.email ? `· ${app.applicant.email}` : ''} ${app.applicant?.phone ? `· ${app.applicant.phone}` : ''}</dd>
        <dt>${t('application.submittedAt')}</dt><dd>${dateTime(app.submittedAt, lang)}</dd>
        <dt>${t('desk.due')}</dt><dd>${dateTime(app.dueAt, lang)} <${Due} t=${t} app=${app} /></dd>
        <dt>${t('desk.assignee')}</dt><dd id="assignee">${app.assignee ?? '–'}</dd>
        ${app.permitNumber && html`<dt>${t('verify.permitNumber')}</dt><dd><a href=${`/verify/${encodeURIComponent(app.permitNumber)}`}>${app.permitNumber}</a></dd>`}
      </dl>
    </section>
    ${notice && html`<p class="alert alert-info" role="status" id="notice">${notice} ${notice === t('error.stale') && html`<button type="button" id="reload" onClick=${() => { setNotice(null); load(); }}>${t('common.reload')}</button>`}</p>`}
    <${ErrorBox} t=${t} error=${error} />
    <section class="card actions" id="actions">
      <h2>${t('desk.actions')}</h2>
      ${actions.length === 0 && html`<p class="muted" id="no-actions">${t('desk.noActions')}</p>`}
      ${actions.map((a) => html`<button type="button" class=${a === 'reject' ? 'danger' : a === 'approve' ? 'primary' : ''} id=${`action-${a}`} data-action=${a}
        onClick=${() => (a === 'assign' ? act(a) : setPending(a))}>${t(`desk.action.${a}`)}</button> `)}
      ${pending && html`<div class="confirm" id="confirm">
        <label for="reason">${needsReason(pending) ? t('desk.reason') : t('desk.note')}</label>
        <textarea id="reason" maxlength="4000" rows="3" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
        <button type="button" class="primary" id="confirm-action" onClick=${() => act(pending)}>${t(`desk.action.${pending}`)}</button>
        <button type="button" onClick=${() => { setPending(null); setText(''); }}>${t('common.cancel')}</button>
      </div>`}
    </section>
    <section class="card">
      <h2>${t('application.form')}</h2>
      <dl class="facts">${(type?.formFields ?? []).map((f) => html`<dt>${localized(f.label, lang)}</dt><dd>${formValue(t, lang, f, app.form[f.key])}</dd>`)}</dl>
    </section>
    <section class="card">
      <h2>${t('application.documents')}</h2>
      <ul class="checklist">${app.checklist.map((c) => html`<li class=${c.documentId ? 'check-done' : 'check-open'}>${c.documentId ? '✔' : '○'} ${localized(type?.requirements.find((r) => r.code === c.requirementCode)?.name, lang) || c.requirementCode}${c.mandatory ? ' *' : ''}</li>`)}</ul>
      <ul class="documents" id="documents">${docs.map((d) => html`<${DocumentViewer} t=${t} lang=${lang} api=${api} doc=${d} key=${d.id} />`)}</ul>
    </section>
    <section class="card"><h2>${t('application.history')}</h2><${History} t=${t} lang=${lang} history=${history} /></section>`;
}

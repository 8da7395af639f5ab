// Office statistics as charts (Chart.js, loaded only on this page: 200 KB that a phone on a slow link should
// not pay for elsewhere).
import { html, useState, useEffect, useRef } from '../html.js';
import { ErrorBox } from './common.js';

let chartLibrary = null;
function loadChart() {
  chartLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/vendor/chart.umd.min.js';
    script.onload = () => resolve(window.Chart);
    script.onerror = () => reject(new Error('chart library'));
    document.head.append(script);
  });
  return chartLibrary;
}

const STATES = ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'REVISION_REQUESTED', 'RECOMMENDED', 'AWAITING_PAYMENT', 'ISSUED', 'REJECTED', 'WITHDRAWN', 'REVOKED'];
const COLORS = ['#9aa5b1', '#2f6fde', '#7b61ff', '#e8a33d', '#1f9d8f', '#2e8540', '#c0392b', '#6b7280'];

function useChart(canvas, config) {
  useEffect(() => {
    if (!config || !canvas.current) return undefined;
    let chart = null;
    let cancelled = false;
    loadChart().then((Chart) => {
      if (!cancelled) chart = new Chart(canvas.current, config);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [config]);
}

export function Stats({ t, lang, api }) {
  const [stats, setStats] = useState(null);
  const [error, setError] = useState(null);
  const byState = useRef(null);
  const overdue = useRef(null);
  useEffect(() => {
    api.get('/api/applications/stats').then((r) => setStats(r.body)).catch(setError);
  }, []);
  const counts = stats ? STATES.map((s) => stats.byState?.[s] ?? 0) : null;
  const held = stats ? ['SUBMITTED', 'UNDER_REVIEW', 'RECOMMENDED'].reduce((n, s) => n + (stats.byState?.[s] ?? 0), 0) : 0;
  const [configs, setConfigs] = useState({});
  useEffect(() => {
    if (!stats) return;
    setConfigs({
      byState: { type: 'bar', data: { labels: STATES.map((s) => t(`state.${s}`)), datasets: [{ label: t('stats.applications'), data: counts, backgroundColor: COLORS }] },
        options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
      overdue: { type: 'doughnut', data: { labels: [t('stats.onTime'), t('stats.overdue')], datasets: [{ data: [Math.max(held - stats.overdue, 0), stats.overdue], backgroundColor: ['#2e8540', '#c0392b'] }] },
        options: { animation: false } },
    });
  }, [stats, lang]);
  useChart(byState, configs.byState);
  useChart(overdue, configs.overdue);
  const median = stats?.medianDaysToDecision;
  return html`<h1>${t('stats.title')}</h1>
    <${ErrorBox} t=${t} error=${error} />
    ${stats && html`<div class="grid">
      <section class="card"><h2>${t('stats.byState')}</h2><canvas ref=${byState} id="chart-by-state" role="img" aria-label=${t('stats.byState')}></canvas>
        <table class="small" id="stats-table"><tbody>${STATES.map((s, i) => html`<tr><td>${t(`state.${s}`)}</td><td>${counts[i]}</td></tr>`)}</tbody></table></section>
      <section class="card"><h2>${t('stats.overdueTitle')}</h2><canvas ref=${overdue} id="chart-overdue" role="img" aria-label=${t('stats.overdueTitle')}></canvas>
        <p id="stats-overdue">${t('stats.overdueCount', { n: stats.overdue })}</p></section>
      <section class="card"><h2>${t('stats.median')}</h2>
        <p class="big" id="stats-median">${median == null ? '–' : t('stats.days', { n: new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(median) })}</p>
        <p class="muted small">${t('stats.medianHelp')}</p></section>
    </div>
    ${stats.offices?.length > 1 && html`<section class="card"><h2>${t('stats.offices')}</h2><table><thead><tr><th>${t('apply.office')}</th><th>${t('stats.overdue')}</th>${STATES.map((s) => html`<th>${t(`state.${s}`)}</th>`)}</tr></thead>
      <tbody>${stats.offices.map((o) => html`<tr><td>${o.officeCode}</td><td>${o.overdue}</td>${STATES.map((s) => html`<td>${o.byState?.[s] ?? 0}</td>`)}</tr>`)}</tbody></table></section>`}`}`;
}

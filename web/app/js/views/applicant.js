// The applicant's side: their applications, and one application from draft to certificate (form, documents,
// live checklist, submit, revision and resubmit with If-Match, status and history, certificate download).
import { html, useState, useEffect, useRef } from '../html.js';
import { localized } from '../lib/i18n.js';
import { dateTime, bytes } from '../lib/format.js';
import { toFormData, validate, serverErrors } from '../lib/form.js';
import { acceptAttribute, checkFile, send, typeNames } from '../lib/upload.js';
import { applicantActions } from '../lib/roles.js';
import { query } from '../lib/api.js';
import { ErrorBox, StateBadge, FormFields, fieldErrorTexts, problemText, formValue } from './common.js';

export function MyApplications({ t, lang, api, live }) {
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get(`/api/applications${query({ sort: 'createdAt,desc', size: 50 })}`).then((r) => setPage(r.body)).catch(setError);
  }, [live]);
  return html`<h1>${t('applications.title')}</h1>
    <p><a class="button primary" href="/catalog" id="new-application">${t('applications.new')}</a></p>
    <${ErrorBox} t=${t} error=${error} />
    ${page && page.content.length === 0 && html`<p class="muted" id="no-applications">${t('applications.none')}</p>`}
    <ul class="list" id="my-applications">
      ${page?.content.map((a) => html`<li class="card row" data-id=${a.id}>
        <a href=${`/applications/${a.id}`}><strong>${localized(a.permitTypeName, lang)}</strong></a>
        <${StateBadge} t=${t} state=${a.state} />
        <span class="muted small">${a.registrationNumber ?? t('applications.noNumberYet')} · ${a.officeCode} · ${dateTime(a.createdAt, lang)}</span>
      </li>`)}
    </ul>`;
}

/** The last reason the office gave for a revision, shown while the applicant holds the file. */
function revisionReason(history) {
  return [...(history ?? [])].reverse().find((h) => h.action === 'request-revision')?.comment ?? null;
}

function History({ t, lang, history }) {
  return html`<ol class="history" id="history">
    ${(history ?? []).map((h) => html`<li>
      <span class="muted small">${dateTime(h.at, lang)}</span>
      <strong> ${t(`action.${h.action}`)}</strong>
      ${h.to && html` → <${StateBadge} t=${t} state=${h.to} />`}
      <span class="muted small"> ${h.actor} (${h.role})</span>
      ${h.comment && html`<div class="comment">${h.comment}</div>`}
    </li>`)}
  </ol>`;
}

function UploadRow({ t, lang, api, auth, app, requirement, item, document, editable, onUploaded }) {
  const [progress, setProgress] = useState(null);
  const [message, setMessage] = useState(null);
  const input = useRef(null);
  async function choose(e) {
    const file = e.target.files?.[0];
    if (!file) return;
    const refused = checkFile(file, requirement);
    if (refused) {
      setMessage(refused.code === 'too-large'
        ? t('upload.tooLarge', { size: bytes(file.size, lang), max: bytes(requirement.maxSizeBytes, lang) })
        : refused.code === 'empty' ? t('upload.empty') : t('upload.wrongType', { types: typeNames(requirement.contentTypes) }));
      e.target.value = '';
      return;
    }
    setMessage(null);
    setProgress(0);
    try {
      const r = await send({ url: '/api/documents', token: await auth.token(), applicationId: app.id,
        requirementCode: requirement.code, file, onProgress: setProgress });
      if (r.status === 201) {
        setMessage(t('upload.done'));
        onUploaded(r.body);
      } else if (r.status === 415) {
        setMessage(t('upload.wrongType', { types: typeNames(requirement.contentTypes) }));
      } else if (r.status === 413) {
        setMessage(t('upload.tooLarge', { size: bytes(file.size, lang), max: bytes(requirement.maxSizeBytes, lang) }));
      } else {
        setMessage(problemText(t, { status: r.status, code: r.body?.code, message: r.body?.detail }));
      }
    } catch {
      setMessage(t('error.network'));
    }
    setProgress(null);
    e.target.value = '';
  }
  const done = !!item?.documentId;
  return html`<li class=${`check ${done ? 'check-done' : 'check-open'}`} data-requirement=${requirement.code} data-done=${done}>
    <span class="tick" aria-hidden="true">${done ? '✔' : '○'}</span>
    <span>${localized(requirement.name, lang)} ${requirement.mandatory ? html`<span class="tag">${t('catalog.mandatory')}</span>` : html`<span class="tag tag-muted">${t('catalog.optional')}</span>`}</span>
    <span class="muted small"> ${typeNames(requirement.contentTypes)}, ${t('catalog.maxSize', { size: bytes(requirement.maxSizeBytes, lang) })}</span>
    ${document && html`<div class="small">${document.filename} (${bytes(document.size, lang)})</div>`}
    ${editable && html`<div class="upload">
      <label class="button" for=${`file-${requirement.code}`}>${done ? t('upload.replace') : t('upload.choose')}</label>
      <input class="file" type="file" id=${`file-${requirement.code}`} ref=${input} accept=${acceptAttribute(requirement.contentTypes)} onChange=${choose} disabled=${progress !== null} />
      ${progress !== null && html`<progress max="1" value=${progress} aria-label=${t('upload.progress')}></progress> <span class="small">${Math.round(progress * 100)}%</span>`}
    </div>`}
    ${message && html`<div class="small upload-message" role="status">${message}</div>`}
  </li>`;
}

export function ApplicationPage({ t, lang, api, auth, params, live }) {
  const [app, setApp] = useState(null);
  const [etag, setEtag] = useState(null);
  const [type, setType] = useState(null);
  const [history, setHistory] = useState([]);
  const [docs, setDocs] = useState([]);
  const [values, setValues] = useState({});
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [missing, setMissing] = useState([]);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const pending = useRef(new Map());
  const id = params.id;

  async function load() {
    try {
      const r = await api.get(`/api/applications/${encodeURIComponent(id)}`);
      setApp(r.body);
      setEtag(r.etag);
      setValues(Object.fromEntries(Object.entries(r.body.form ?? {}).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])));
      const [ty, h, d] = await Promise.all([
        type ? Promise.resolve({ body: type }) : api.get(`/api/permit-types/${r.body.permitTypeCode}`),
        api.get(`/api/applications/${encodeURIComponent(id)}/history`),
        api.get(`/api/documents${query({ applicationId: id })}`),
      ]);
      setType(ty.body);
      setHistory(h.body);
      setDocs(d.body);
      return r.body;
    } catch (e) {
      setError(e);
      return null;
    }
  }
  useEffect(() => {
    load();
  }, [id]);
  useEffect(() => {
    if (live && live.applicationId === id) load();
  }, [live]);
  // The checklist is filled from document events, a moment after the upload: watch until it shows.
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(async () => {
      const fresh = await load();
      const shown = (code) => fresh?.checklist.find((c) => c.requirementCode === code)?.documentId;
      if ([...pending.current].every(([code, docId]) => shown(code) === docId)) {
        pending.current.clear();
        setWaiting(0);
      }
    }, 1500);
    const stop = setTimeout(() => setWaiting(0), 30000);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [waiting]);

  if (!app || !type) return html`<${ErrorBox} t=${t} error=${error} />${!error && html`<p class="muted">${t('common.loading')}</p>`}`;
  const actions = applicantActions(app);
  const editable = actions.includes('edit');
  const fields = type.formFields;

  function stale(e) {
    if (e.status === 412) {
      setNotice(t('error.stale'));
      return true;
    }
    return false;
  }
  async function save() {
    const form = toFormData(fields, values);
    const problems = validate(fields, form);
    setErrors(fieldErrorTexts(t, problems));
    if (problems.length) return false;
    try {
      const r = await api.patch(`/api/applications/${encodeURIComponent(id)}`, { form }, { headers: { 'If-Match': etag } });
      setApp(r.body);
      setEtag(r.etag);
      return r.etag;
    } catch (e) {
      if (!stale(e)) {
        setErrors(serverErrors(e.problem));
        setError(e);
      }
      return false;
    }
  }
  async function onSave(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    if (await save()) setNotice(t('application.saved'));
    setBusy(false);
  }
  async function onSubmit() {
    setBusy(true);
    setError(null);
    setNotice(null);
    setMissing([]);
    const form = toFormData(fields, values);
    const problems = validate(fields, form, { forSubmit: true });
    setErrors(fieldErrorTexts(t, problems));
    if (problems.length) {
      setBusy(false);
      return;
    }
    const tag = await save();
    if (!tag) {
      setBusy(false);
      return;
    }
    try {
      const r = await api.post(`/api/applications/${encodeURIComponent(id)}/submit`, undefined, { headers: { 'If-Match': tag } });
      setApp(r.body);
      setEtag(r.etag);
      setNotice(t('application.submitted', { number: r.body.registrationNumber }));
      load();
    } catch (e) {
      if (!stale(e)) {
        if (e.status === 422) {
          setMissing(e.problem.missingRequirements ?? []);
          setErrors(serverErrors(e.problem));
        }
        setError(e);
      }
    }
    setBusy(false);
  }
  async function onWithdraw() {
    if (!confirm(t('application.withdrawConfirm'))) return;
    try {
      const r = await api.post(`/api/applications/${encodeURIComponent(id)}/withdraw`, {}, { headers: { 'If-Match': etag } });
      setApp(r.body);
      setEtag(r.etag);
      load();
    } catch (e) {
      if (!stale(e)) setError(e);
    }
  }
  async function download(doc) {
    try {
      const blob = await api.blob(`/api/documents/${encodeURIComponent(doc.id)}/content`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = doc.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      setError(e);
    }
  }
  const reason = app.state === 'REVISION_REQUESTED' ? revisionReason(history) : null;
  const certificate = docs.find((d) => d.kind === 'CERTIFICATE');
  const docById = Object.fromEntries(docs.map((d) => [d.id, d]));
  return html`<h1>${localized(app.permitTypeName, lang)}</h1>
    <section class="card" id="application" data-state=${app.state} data-version=${app.version}>
      <p><${StateBadge} t=${t} state=${app.state} /> <span id="registration-number">${app.registrationNumber ?? t('applications.noNumberYet')}</span></p>
      <p class="muted">${t(`state.explain.${app.state}`)}</p>
      <dl class="facts">
        <dt>${t('apply.office')}</dt><dd>${app.officeCode}</dd>
        ${app.submittedAt && html`<dt>${t('application.submittedAt')}</dt><dd>${dateTime(app.submittedAt, lang)}</dd>`}
        ${app.dueAt && html`<dt>${t('application.dueAt')}</dt><dd>${dateTime(app.dueAt, lang)}</dd>`}
        ${app.decidedAt && html`<dt>${t('application.decidedAt')}</dt><dd>${dateTime(app.decidedAt, lang)}</dd>`}
        ${app.permitNumber && html`<dt>${t('verify.permitNumber')}</dt><dd><a href=${`/verify/${encodeURIComponent(app.permitNumber)}`} id="permit-number">${app.permitNumber}</a></dd>`}
      </dl>
      ${reason && html`<div class="alert alert-info" id="revision-reason"><strong>${t('application.revisionRequested')}</strong><p>${reason}</p></div>`}
      ${certificate && html`<p><button type="button" class="primary" id="download-certificate" onClick=${() => download(certificate)}>${t('application.downloadCertificate')}</button></p>`}
    </section>
    ${notice && html`<p class="alert alert-info" role="status" id="notice">${notice} ${notice === t('error.stale') && html`<button type="button" id="reload" onClick=${() => { setNotice(null); load(); }}>${t('common.reload')}</button>`}</p>`}
    <${ErrorBox} t=${t} error=${error} />
    <section class="card">
      <h2>${t('application.form')}</h2>
      ${editable ? html`<form id="form" onSubmit=${onSave} novalidate>
          <${FormFields} t=${t} lang=${lang} fields=${fields} values=${values} errors=${errors} onChange=${(k, v) => setValues({ ...values, [k]: v })} />
          <button type="submit" id="save" disabled=${busy}>${t('application.save')}</button>
        </form>`
        : html`<dl class="facts">${fields.map((f) => html`<dt>${localized(f.label, lang)}</dt><dd>${formValue(t, lang, f, app.form[f.key])}</dd>`)}</dl>`}
    </section>
    <section class="card">
      <h2>${t('application.documents')}</h2>
      ${missing.length > 0 && html`<p class="alert" id="missing">${t('application.missing', { list: missing.map((code) => localized(type.requirements.find((r) => r.code === code)?.name, lang) || code).join(', ') })}</p>`}
      <ul class="checklist" id="checklist">
        ${type.requirements.map((req) => {
          const item = app.checklist.find((c) => c.requirementCode === req.code);
          const doc = item?.documentId ? docById[item.documentId] : docs.filter((d) => d.requirementCode === req.code && d.kind === 'UPLOAD').pop();
          return html`<${UploadRow} t=${t} lang=${lang} api=${api} auth=${auth} app=${app} requirement=${req} item=${item} document=${doc}
            editable=${actions.includes('upload')} onUploaded=${(d) => { pending.current.set(d.requirementCode, d.id); setDocs([...docs, d]); setWaiting(Date.now()); }} />`;
        })}
      </ul>
      ${waiting ? html`<p class="muted small" role="status">${t('application.checklistUpdating')}</p>` : null}
    </section>
    <section class="card actions">
      ${actions.includes('submit') && html`<button type="button" class="primary" id="submit" disabled=${busy} onClick=${onSubmit}>${app.state === 'REVISION_REQUESTED' ? t('application.resubmit') : t('application.submit')}</button>`}
      ${actions.includes('withdraw') && html`<button type="button" class="danger" id="withdraw" onClick=${onWithdraw}>${t('application.withdraw')}</button>`}
    </section>
    <section class="card"><h2>${t('application.history')}</h2><${History} t=${t} lang=${lang} history=${history} /></section>`;
}

export { History };

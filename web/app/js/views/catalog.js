// The permit catalog (requirements, SLA in working days, fee) and the start of an application from it.
import { html, useState, useEffect } from '../html.js';
import { localized } from '../lib/i18n.js';
import { rupiah, bytes } from '../lib/format.js';
import { typeNames } from '../lib/upload.js';
import { toFormData, validate, serverErrors } from '../lib/form.js';
import { idempotencyKey } from '../lib/api.js';
import { ErrorBox, FormFields, fieldErrorTexts } from './common.js';

function Requirements({ t, lang, type }) {
  return html`<ul class="requirements">
    ${type.requirements.map((r) => html`<li>
      ${localized(r.name, lang)} ${r.mandatory ? html`<span class="tag">${t('catalog.mandatory')}</span>` : html`<span class="tag tag-muted">${t('catalog.optional')}</span>`}
      <span class="muted small"> ${typeNames(r.contentTypes)}, ${t('catalog.maxSize', { size: bytes(r.maxSizeBytes, lang) })}</span>
    </li>`)}
  </ul>`;
}

export function Catalog({ t, lang, api, user }) {
  const [types, setTypes] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get('/api/permit-types').then((r) => setTypes(r.body)).catch(setError);
  }, []);
  const canApply = user.roles.includes('applicant');
  return html`<h1>${t('catalog.title')}</h1>
    <${ErrorBox} t=${t} error=${error} />
    ${!types && !error && html`<p class="muted">${t('common.loading')}</p>`}
    <div class="grid">
      ${types?.map((type) => html`<article class="card permit-type" data-code=${type.code}>
        <h2>${localized(type.name, lang)} <span class="muted small">${type.code}</span></h2>
        <p>${localized(type.description, lang)}</p>
        <dl class="facts">
          <dt>${t('catalog.sla')}</dt><dd class="sla">${t('catalog.slaDays', { n: type.slaWorkingDays })}</dd>
          <dt>${t('catalog.fee')}</dt><dd class="fee">${type.feeIdr === 0 ? t('catalog.free') : rupiah(type.feeIdr, lang)}</dd>
        </dl>
        <h3>${t('catalog.requirements')}</h3>
        <${Requirements} t=${t} lang=${lang} type=${type} />
        ${canApply && html`<p><a class="button primary" href=${`/catalog/${type.code}`} id=${`apply-${type.code}`}>${t('catalog.apply')}</a></p>`}
      </article>`)}
    </div>`;
}

export function Apply({ t, lang, api, config, params, navigate }) {
  const [type, setType] = useState(null);
  const [office, setOffice] = useState(config.offices?.[0] ?? '');
  const [values, setValues] = useState({});
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);
  useEffect(() => {
    api.get(`/api/permit-types/${encodeURIComponent(params.code)}`).then((r) => setType(r.body)).catch(setError);
  }, [params.code]);
  if (!type) return html`<${ErrorBox} t=${t} error=${error} />${!error && html`<p class="muted">${t('common.loading')}</p>`}`;

  async function create(e) {
    e.preventDefault();
    const form = toFormData(type.formFields, values);
    const problems = validate(type.formFields, form);
    setErrors(fieldErrorTexts(t, problems));
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post('/api/applications', { permitTypeCode: type.code, officeCode: office, form },
        { headers: { 'Idempotency-Key': key, 'Accept-Language': lang } });
      navigate(`/applications/${r.body.id}`);
    } catch (err) {
      setErrors(serverErrors(err.problem));
      setError(err);
      setBusy(false);
    }
  }
  return html`<h1>${t('apply.title', { name: localized(type.name, lang) })}</h1>
    <section class="card">
      <p>${localized(type.description, lang)}</p>
      <p class="muted">${t('catalog.slaDays', { n: type.slaWorkingDays })} · ${type.feeIdr === 0 ? t('catalog.free') : rupiah(type.feeIdr, lang)}</p>
      <form id="apply-form" onSubmit=${create} novalidate>
        <div class="field">
          <label for="office">${t('apply.office')}</label>
          <select id="office" value=${office} onChange=${(e) => setOffice(e.target.value)}>
            ${(config.offices ?? []).map((o) => html`<option value=${o}>${o}</option>`)}
          </select>
        </div>
        <${FormFields} t=${t} lang=${lang} fields=${type.formFields} values=${values} errors=${errors}
          onChange=${(k, v) => setValues({ ...values, [k]: v })} />
        <p class="muted small">${t('apply.draftNote')}</p>
        <${ErrorBox} t=${t} error=${error} />
        <button type="submit" class="primary" id="create" disabled=${busy}>${t('apply.create')}</button>
      </form>
    </section>
    <section class="card"><h2>${t('catalog.requirements')}</h2><${Requirements} t=${t} lang=${lang} type=${type} /></section>`;
}

// Small pieces several pages share: error messages from problem JSON, state badges, form inputs.
import { html } from '../html.js';
import { localized } from '../lib/i18n.js';
import { formDate } from '../lib/format.js';

/** A problem JSON answer in plain words: the stable code or the status picks the message. */
export function problemText(t, error) {
  if (!error) return '';
  if (error.status === 0) return t('error.network');
  const code = error.code ?? error.problem?.code;
  const byCode = code ? t(`error.code.${code}`) : null;
  if (byCode && byCode !== `error.code.${code}`) return byCode;
  const byStatus = t(`error.status.${error.status}`);
  if (byStatus !== `error.status.${error.status}`) return byStatus;
  return error.message || t('error.unknown');
}

export function ErrorBox({ t, error }) {
  if (!error) return null;
  return html`<p class="alert" role="alert" id="error">${problemText(t, error)}</p>`;
}

export function StateBadge({ t, state }) {
  return html`<span class=${`state state-${state}`} data-state=${state}>${t(`state.${state}`)}</span>`;
}

/** One input per form field of the permit type; errors keyed by field key. */
export function FormFields({ t, lang, fields, values, errors, onChange, disabled }) {
  return fields.map((f) => {
    const id = `field-${f.key}`;
    const label = html`<label for=${id}>${localized(f.label, lang)}${f.required ? html` <span class="req" aria-label=${t('form.required')}>*</span>` : null}</label>`;
    const err = errors?.[f.key];
    const common = { id, name: f.key, disabled, 'aria-invalid': err ? 'true' : undefined, 'aria-describedby': err ? `${id}-error` : undefined };
    let input;
    if (f.type === 'boolean') {
      input = html`<input type="checkbox" ...${common} checked=${values[f.key] === true} onChange=${(e) => onChange(f.key, e.target.checked)} />`;
    } else if (f.type === 'number') {
      input = html`<input type="text" inputmode="decimal" ...${common} value=${values[f.key] ?? ''} onInput=${(e) => onChange(f.key, e.target.value)} />`;
    } else if (f.type === 'date') {
      input = html`<input type="date" ...${common} value=${values[f.key] ?? ''} onInput=${(e) => onChange(f.key, e.target.value)} />`;
    } else {
      input = html`<input type="text" maxlength="4000" ...${common} value=${values[f.key] ?? ''} onInput=${(e) => onChange(f.key, e.target.value)} />`;
    }
    return html`<div class=${`field field-${f.type}`}>${label}${input}${err && html`<span class="field-error" id=${`${id}-error`}>${err}</span>`}</div>`;
  });
}

/** Client-side error codes of lib/form.js as text, keyed by form key. */
export function fieldErrorTexts(t, errors) {
  const out = {};
  for (const e of errors) out[e.field.replace(/^form\./, '')] = t(`form.error.${e.code}`, { max: e.max });
  return out;
}

/** A form value as read-only text: dates as calendar days, yes/no, a dash when not filled in. */
export function formValue(t, lang, field, value) {
  if (value === undefined || value === null || value === '') return '–';
  if (field.type === 'date') return formDate(value, lang);
  if (field.type === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (field.type === 'number') return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID').format(value);
  return String(value);
}

// The permit type's form, checked in the browser exactly as application-service checks it (FormRules), so the
// applicant sees the same answer before sending: known keys, types, text at most 4,000 characters, required on
// submit.

export const MAX_TEXT = 4000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(text) {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Turns the raw input values (strings from inputs, booleans from checkboxes) into the JSON the API takes:
 * numbers as numbers, empty inputs left out.
 */
export function toFormData(fields, raw) {
  const form = {};
  for (const field of fields) {
    const value = raw[field.key];
    if (field.type === 'boolean') {
      if (value === true || value === false) form[field.key] = value;
      continue;
    }
    if (value === undefined || value === null || String(value).trim() === '') continue;
    if (field.type === 'number') {
      const number = Number(String(value).replace(',', '.'));
      form[field.key] = Number.isFinite(number) ? number : String(value);
    } else {
      form[field.key] = String(value);
    }
  }
  return form;
}

/**
 * Errors as the server names them: [{field: "form.key", code, message?}] where code is one of
 * unknown | text | number | boolean | date | too-long | required. `forSubmit` adds the required check.
 */
export function validate(fields, form, { forSubmit = false } = {}) {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errors = [];
  for (const [key, value] of Object.entries(form)) {
    const field = byKey.get(key);
    const name = `form.${key}`;
    if (!field) {
      errors.push({ field: name, code: 'unknown' });
      continue;
    }
    if (value === null || value === undefined) continue;
    switch (field.type) {
      case 'text':
        if (typeof value !== 'string') errors.push({ field: name, code: 'text' });
        else if (value.length > MAX_TEXT) errors.push({ field: name, code: 'too-long', max: MAX_TEXT });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) errors.push({ field: name, code: 'number' });
        break;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push({ field: name, code: 'boolean' });
        break;
      case 'date':
        if (typeof value !== 'string' || !isDate(value)) errors.push({ field: name, code: 'date' });
        break;
      default:
        break;
    }
  }
  if (forSubmit) {
    for (const field of fields.filter((f) => f.required)) {
      const value = form[field.key];
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
        if (!errors.some((e) => e.field === `form.${field.key}`)) errors.push({ field: `form.${field.key}`, code: 'required' });
      }
    }
  }
  return errors;
}

/** Field errors of a problem JSON answer ({errors:[{field, message}]}) keyed by form key. */
export function serverErrors(problem) {
  const out = {};
  for (const e of problem?.errors ?? []) {
    const key = String(e.field ?? '').replace(/^form\./, '');
    out[key] = e.message;
  }
  return out;
}

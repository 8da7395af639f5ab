// Formatting of money, dates and sizes for people: rupiah and the office's time zone (WITA for North Sulawesi).

/** The office's time zone: every date and time is shown there, whatever the device's zone. */
export const OFFICE_ZONE = 'Asia/Makassar';

const ZONE_LABEL = { 'Asia/Makassar': 'WITA', 'Asia/Jakarta': 'WIB', 'Asia/Jayapura': 'WIT' };

function locale(lang) {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

/** 2500000 -> "Rp 2.500.000" (id) or "IDR 2,500,000" (en); 0 -> free of charge is the caller's wording. */
export function rupiah(amount, lang = 'id') {
  if (amount === null || amount === undefined || Number.isNaN(Number(amount))) return '–';
  const n = Math.round(Number(amount));
  const digits = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(Math.abs(n));
  return (n < 0 ? '-' : '') + (lang === 'en' ? 'IDR ' : 'Rp ') + digits;
}

function parts(iso, lang, options) {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: OFFICE_ZONE, ...options }).formatToParts(date);
}

function pick(p, type) {
  return p.find((x) => x.type === type)?.value ?? '';
}

/** "2026-11-27T02:00:00Z" -> "27 Nov 2026 10.00 WITA" (id) or "27 Nov 2026 10:00 WITA" (en). */
export function dateTime(iso, lang = 'id') {
  if (!iso) return '–';
  const p = parts(iso, lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (!p) return '–';
  const sep = lang === 'en' ? ':' : '.';
  return `${pick(p, 'day')} ${pick(p, 'month').replace('.', '')} ${pick(p, 'year')} ${pick(p, 'hour')}${sep}${pick(p, 'minute')} ${ZONE_LABEL[OFFICE_ZONE]}`;
}

/** The calendar day in the office's zone: "2026-11-26T17:30:00Z" is already 27 November in Manado. */
export function date(iso, lang = 'id') {
  if (!iso) return '–';
  const p = parts(iso, lang, { day: 'numeric', month: 'long', year: 'numeric' });
  if (!p) return '–';
  return `${pick(p, 'day')} ${pick(p, 'month')} ${pick(p, 'year')}`;
}

/** A form date value (yyyy-mm-dd, no zone) shown as a calendar day, never shifted by a zone. */
export function formDate(value, lang = 'id') {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) return value ?? '';
  const [y, m, d] = value.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** 1536 -> "1,5 KB" (id) / "1.5 KB" (en). */
export function bytes(n, lang = 'id') {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${text} ${units[unit]}`;
}

/** Whole days until (positive) or since (negative) a moment, for "due in 3 days" / "2 days late". */
export function daysFrom(iso, now = new Date()) {
  const ms = new Date(iso).getTime() - now.getTime();
  return Math.trunc(ms / 86_400_000);
}

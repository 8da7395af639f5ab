// Texts live in message files (i18n/id.json first, i18n/en.json second); this picks and fills them.

export const LANGUAGES = ['id', 'en'];
const STORAGE_KEY = 'satupintu.lang';

/** "Halo {name}" + {name: "Ani"} -> "Halo Ani"; a missing key shows itself, so a gap is visible, not blank. */
export function translate(messages, key, params = {}) {
  const text = messages?.[key];
  if (typeof text !== 'string') return key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

/** The saved choice, else Bahasa Indonesia (the default for every office), English only when chosen. */
export function initialLanguage(storage) {
  const saved = storage?.getItem?.(STORAGE_KEY);
  return LANGUAGES.includes(saved) ? saved : 'id';
}

export function saveLanguage(storage, lang) {
  storage?.setItem?.(STORAGE_KEY, lang);
}

/** A bilingual catalog text {id, en} in the chosen language. */
export function localized(text, lang) {
  if (!text) return '';
  return (lang === 'en' ? text.en : text.id) || text.id || text.en || '';
}

export async function loadMessages(lang, fetcher = fetch) {
  const response = await fetcher(`/i18n/${lang}.json`);
  if (!response.ok) throw new Error(`messages ${lang}: ${response.status}`);
  return response.json();
}

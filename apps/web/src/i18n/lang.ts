/** The app's languages: Chinese first, English second. */
export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** Domain labels come as `{ zh, en }` pairs; this picks the one for the current language. */
export function pick(label: { zh: string; en: string }, lang: Lang): string {
  return label[lang];
}

const STORAGE_KEY = "bangban.lang";

export function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function storeLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the switch still works for this page.
  }
}

export const LOCALES = ["ru", "en"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "ru";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export const toLocale = (value: string | undefined): TLocale =>
  (LOCALES as readonly string[]).includes(value ?? "") ? (value as TLocale) : DEFAULT_LOCALE;

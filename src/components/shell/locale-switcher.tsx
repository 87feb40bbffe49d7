"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function LocaleSwitcher() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const choose = (next: string) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
    router.refresh();
  };
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-600">
      <span>{t("common.language")}</span>
      <select
        value={locale}
        onChange={(event) => choose(event.target.value)}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`locales.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

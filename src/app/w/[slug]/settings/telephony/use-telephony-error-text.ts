"use client";

import { useTranslations } from "next-intl";

/**
 * A telephony error code (the connection's last error, a delivery's) in plain words. Codes come
 * from the provider adapter and the call pipeline; one we have no words for yet is named as it is.
 */
export function useTelephonyErrorText() {
  const t = useTranslations("telephony.errorCodes");
  return (code: string | null): string => {
    if (!code) return "";
    return t.has(code) ? t(code) : t("other", { code });
  };
}

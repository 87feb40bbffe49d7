"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** The name of a Klientiks status; a status we do not know yet is shown as Klientiks sent it. */
export function useStageLabel() {
  const t = useTranslations("deals.stages");
  return useCallback((status: string) => (t.has(status) ? t(status) : status), [t]);
}

"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { useCallback } from "react";

import { formatPastRelativeTime } from "@/lib/past-relative-time";

/** Formats when a past event happened, re-rendering every 10 s so «только что» turns into minutes. */
export function usePastRelativeTime() {
  const format = useFormatter();
  const now = useNow({ updateInterval: 10_000 });
  const t = useTranslations("common");
  return useCallback(
    (at: Date) => formatPastRelativeTime(format, at, now, t("justNow")),
    [format, now, t],
  );
}

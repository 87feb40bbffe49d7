"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";

import { formatMoney } from "@/lib/format-money";

import type { TFigureKind } from "./report-columns";

/** A figure as the page shows it: counts grouped, kopecks as money, ratios in percent, none as «—». */
export function useReportFormat(currency: string) {
  const locale = useLocale();
  const t = useTranslations("analytics");
  return useCallback(
    (value: number | null, kind: TFigureKind) => {
      if (value === null) return t("noValue");
      if (kind === "money") return formatMoney(Math.round(value), currency, locale);
      if (kind === "ratio")
        return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
          value,
        );
      return new Intl.NumberFormat(locale).format(value);
    },
    [currency, locale, t],
  );
}

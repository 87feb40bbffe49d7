"use client";

import { useLocale, useTranslations } from "next-intl";

import { DetailSection } from "@/components/data-table/detail-section";
import { formatMoney } from "@/lib/format-money";

import type { TDealDetail } from "./deal-types";

/** The service lines the amount is made of. */
export function DealServices({
  services,
  currency,
}: {
  services: TDealDetail["services"];
  currency: string;
}) {
  const t = useTranslations("deals.drawer");
  const locale = useLocale();
  return (
    <DetailSection title={t("sections.services")}>
      {services.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noServices")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
          {services.map((line, index) => (
            <li
              key={`${line.serviceId ?? "none"}-${index}`}
              className="flex items-center justify-between gap-4 px-3 py-2"
            >
              <span className="flex items-center gap-2 text-slate-900">
                {line.name || t("unnamedService")}
                {line.isPaidBySubscription ? (
                  <span className="rounded bg-teal-50 px-1.5 py-0.5 text-xs font-medium text-teal-700">
                    {t("subscriptionMarker")}
                  </span>
                ) : null}
              </span>
              <span className="tabular-nums text-slate-700">
                {formatMoney(line.amountMinor, currency, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </DetailSection>
  );
}

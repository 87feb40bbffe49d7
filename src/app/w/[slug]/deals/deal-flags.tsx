"use client";

import { useTranslations } from "next-intl";

import type { TDealRow } from "./deal-types";

const FLAG_CLASS = "inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium";

/** Markers of how the visit came and was paid: online booking, sale, subscription; and a deal gone from the CRM. */
export function DealFlags({
  deal,
}: {
  deal: Pick<TDealRow, "isOnlineBooking" | "isSale" | "paidBySubscription" | "missingInSource">;
}) {
  const t = useTranslations("deals.flags");
  const isEmpty =
    !deal.isOnlineBooking &&
    !deal.isSale &&
    deal.paidBySubscription === "none" &&
    !deal.missingInSource;
  if (isEmpty) return <span className="text-slate-400">—</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {deal.isOnlineBooking ? (
        <span className={`${FLAG_CLASS} bg-violet-50 text-violet-700`}>{t("onlineBooking")}</span>
      ) : null}
      {deal.isSale ? (
        <span className={`${FLAG_CLASS} bg-amber-50 text-amber-800`}>{t("sale")}</span>
      ) : null}
      {deal.paidBySubscription !== "none" ? (
        <span className={`${FLAG_CLASS} bg-teal-50 text-teal-700`}>{t("subscription")}</span>
      ) : null}
      {deal.missingInSource ? (
        <span className={`${FLAG_CLASS} bg-slate-100 text-slate-600`}>{t("missingInSource")}</span>
      ) : null}
    </span>
  );
}

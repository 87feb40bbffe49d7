"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import { DetailSection } from "@/components/data-table/detail-section";
import { formatMoney } from "@/lib/format-money";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { DealStageBadge } from "../../deals/deal-stage-badge";
import { dealPageHref } from "../../deals/deals-url-state";
import type { TClientDetail } from "./client-types";

/** The client's visits (deals) with their stage and amount, newest visit first. */
export function ClientDeals({
  slug,
  deals,
  timeZone,
}: {
  slug: string;
  deals: TClientDetail["deals"];
  timeZone: string;
}) {
  const t = useTranslations("clients");
  const locale = useLocale();
  const dateTime = useWorkspaceDateTime(timeZone);
  return (
    <DetailSection title={t("sections.deals")} testId="client-deals">
      {deals.length === 0 ? <p className="text-sm text-slate-500">{t("noDeals")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {deals.map((deal) => (
          <li
            key={deal.id}
            data-testid="client-deal"
            className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm"
          >
            <span className="min-w-0">
              <Link
                href={dealPageHref(slug, deal.id)}
                className="font-medium text-brand-700 hover:underline"
              >
                {deal.name}
              </Link>
              <span className="block text-xs text-slate-500">
                {t("dealVisit", { at: dateTime(deal.visitStartAt ?? deal.crmCreatedAt) ?? "—" })}
              </span>
            </span>
            <span className="flex items-center gap-3">
              <DealStageBadge status={deal.stage} group={deal.stageGroup} />
              <span className="whitespace-nowrap tabular-nums text-slate-900">
                {formatMoney(deal.amountMinor, deal.currency, locale)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}

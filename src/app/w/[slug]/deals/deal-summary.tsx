"use client";

import { useLocale, useTranslations } from "next-intl";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { formatMoney } from "@/lib/format-money";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { DealFlags } from "./deal-flags";
import { DealStageBadge } from "./deal-stage-badge";
import type { TDealDetail } from "./deal-types";

/** The deal's own fields. */
export function DealSummary({ deal, timeZone }: { deal: TDealDetail; timeZone: string }) {
  const t = useTranslations("deals");
  const locale = useLocale();
  const dateTime = useWorkspaceDateTime(timeZone);
  const responsibleKind =
    deal.responsibleKind && t.has(`drawer.responsibleKinds.${deal.responsibleKind}`)
      ? t(`drawer.responsibleKinds.${deal.responsibleKind}`)
      : null;
  return (
    <DetailSection title={t("drawer.sections.deal")}>
      {deal.missingInSource ? (
        <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("drawer.missingInSource")}
        </p>
      ) : null}
      <DetailList
        items={[
          {
            label: t("drawer.fields.amount"),
            value: formatMoney(deal.amountMinor, deal.currency, locale),
          },
          {
            label: t("drawer.fields.stage"),
            value: (
              <span className="inline-flex items-center gap-2">
                <DealStageBadge status={deal.status} group={deal.stageGroup} />
                <span className="text-slate-500">{t(`groups.${deal.stageGroup}`)}</span>
              </span>
            ),
          },
          { label: t("drawer.fields.visitStartAt"), value: dateTime(deal.visitStartAt) },
          { label: t("drawer.fields.visitEndAt"), value: dateTime(deal.visitEndAt) },
          { label: t("drawer.fields.crmCreatedAt"), value: dateTime(deal.crmCreatedAt) },
          { label: t("drawer.fields.crmModifiedAt"), value: dateTime(deal.crmModifiedAt) },
          {
            label: t("drawer.fields.responsible"),
            value: deal.responsibleName
              ? `${deal.responsibleName}${responsibleKind ? ` (${responsibleKind})` : ""}`
              : null,
          },
          {
            label: t("drawer.fields.paidBySubscription"),
            value: t(`drawer.subscription.${deal.paidBySubscription}`),
          },
          { label: t("drawer.fields.flags"), value: <DealFlags deal={deal} /> },
          {
            label: t("drawer.fields.externalId"),
            value: <span className="tabular-nums">{deal.externalId}</span>,
          },
          { label: t("drawer.fields.receivedAt"), value: dateTime(deal.createdAt) },
          { label: t("drawer.fields.updatedAt"), value: dateTime(deal.updatedAt) },
        ]}
      />
    </DetailSection>
  );
}

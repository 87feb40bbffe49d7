"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";

import { callPageHref } from "../calls/calls-url-state";
import { leadPageHref } from "../leads/leads-url-state";
import { useSourceLabel } from "../settings/sites/use-source-label";
import { utmDetailItems } from "../settings/sites/utm-detail-items";
import { DealRuleLabel } from "./deal-rule-label";
import type { TDealDetail } from "./deal-types";

const linkClass = "text-brand-700 hover:underline";

/** Where the deal is credited and why: the rule, the copied traffic fields and what was credited. */
export function DealAttribution({ deal, slug }: { deal: TDealDetail; slug: string }) {
  const t = useTranslations("deals.drawer");
  const tChannel = useTranslations("sites.channels");
  const sourceLabel = useSourceLabel();
  return (
    <DetailSection title={t("sections.attribution")} testId="deal-attribution">
      <p className="mb-3">
        <DealRuleLabel rule={deal.attributionRule} withHint />
      </p>
      <DetailList
        items={[
          { label: t("fields.channel"), value: deal.channel ? tChannel(deal.channel) : null },
          {
            label: t("fields.source"),
            value:
              deal.sourceName &&
              sourceLabel({ name: deal.sourceName, presetKey: deal.sourcePresetKey }),
          },
          { label: t("fields.campaign"), value: deal.campaignName },
          { label: t("fields.site"), value: deal.siteName },
          ...utmDetailItems(deal),
          ...(deal.creditedLeadId
            ? [
                {
                  label: t("fields.creditedLead"),
                  value: (
                    <Link className={linkClass} href={leadPageHref(slug, deal.creditedLeadId)}>
                      {t("openLead")}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(deal.creditedCallId
            ? [
                {
                  label: t("fields.creditedCall"),
                  value: (
                    <Link className={linkClass} href={callPageHref(slug, deal.creditedCallId)}>
                      {t("openCall")}
                    </Link>
                  ),
                },
              ]
            : []),
          // The fallback rules read the client's own «источник клиента»; showing it says why.
          ...(deal.attributionRule === "client_lead_source" ||
          deal.attributionRule === "undetermined"
            ? [{ label: t("fields.clientLeadSource"), value: deal.attributionLeadSource }]
            : []),
        ]}
      />
    </DetailSection>
  );
}

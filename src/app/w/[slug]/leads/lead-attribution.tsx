"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { useCanOpen } from "@/components/shell/workspace-access";

import { useSourceLabel } from "../settings/sites/use-source-label";
import { utmDetailItems } from "../settings/sites/utm-detail-items";
import { leadRuleHint } from "./lead-rule-hint";
import type { TLeadDetail } from "./lead-types";
import { LeadUrlLink } from "./lead-url-text";

const mono = (value: string | null) =>
  value ? <span className="break-all font-mono text-xs">{value}</span> : null;

/** Why the lead is credited where it is: the matched rule, then the session data it copied. */
export function LeadAttribution({ lead, slug }: { lead: TLeadDetail; slug: string }) {
  const t = useTranslations("leads");
  const tChannel = useTranslations("sites.channels");
  const sourceLabel = useSourceLabel();
  const canOpen = useCanOpen();
  const settingsHref = `/w/${slug}/settings/integrations/klientiks`;
  return (
    <DetailSection title={t("drawer.sections.attribution")} testId="lead-attribution">
      <p className="mb-3 text-sm text-slate-900">
        <span data-testid="lead-rule" className="font-medium">
          {t(`rules.${lead.attributionRule}`)}
        </span>
        <span className="block text-slate-600" data-testid="lead-rule-hint">
          {t.rich(`ruleHints.${leadRuleHint(lead)}`, {
            link: (chunks) =>
              canOpen(settingsHref) ? (
                <Link className="text-brand-700 underline" href={settingsHref}>
                  {chunks}
                </Link>
              ) : (
                chunks
              ),
          })}
        </span>
      </p>
      <DetailList
        items={[
          { label: t("drawer.fields.site"), value: lead.siteName },
          {
            label: t("drawer.fields.source"),
            value:
              lead.sourceName &&
              sourceLabel({ name: lead.sourceName, presetKey: lead.sourcePresetKey }),
          },
          { label: t("drawer.fields.campaign"), value: lead.campaignName },
          {
            label: t("drawer.fields.channel"),
            value: lead.channel ? tChannel(lead.channel) : null,
          },
          { label: t("drawer.fields.sessionId"), value: mono(lead.sessionId) },
          ...utmDetailItems(lead),
          { label: t("drawer.fields.landingUrl"), value: <LeadUrlLink url={lead.landingUrl} /> },
          { label: t("drawer.fields.referrer"), value: <LeadUrlLink url={lead.referrer} /> },
          { label: "yclid", value: mono(lead.yclid) },
          { label: "gclid", value: mono(lead.gclid) },
          { label: "fbclid", value: mono(lead.fbclid) },
        ]}
      />
    </DetailSection>
  );
}

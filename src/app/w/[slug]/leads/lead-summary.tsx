"use client";

import { useTranslations } from "next-intl";

import { PhoneWithCall } from "@/components/calls/phone-with-call";
import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { LeadDealLink } from "./lead-deal-link";
import { LeadDuplicateBadge } from "./lead-duplicate-badge";
import { LeadTags } from "./lead-tags";
import type { TLeadDetail } from "./lead-types";

type TLeadSummaryProps = {
  lead: TLeadDetail;
  slug: string;
  timeZone: string;
  onOpenLead: (leadId: string) => void;
};

/** Who booked and when, what Klientiks knows of the client, and the links to the original lead and the deal. */
export function LeadSummary({ lead, slug, timeZone, onOpenLead }: TLeadSummaryProps) {
  const t = useTranslations("leads.drawer");
  const dateTime = useWorkspaceDateTime(timeZone);
  return (
    <DetailSection title={t("sections.lead")} testId="lead-summary">
      <DetailList
        items={[
          { label: t("fields.crmCreatedAt"), value: dateTime(lead.crmCreatedAt) },
          { label: t("fields.contactName"), value: lead.contactName },
          {
            label: t("fields.contactPhone"),
            value: lead.contactPhone ? <PhoneWithCall phone={lead.contactPhone} /> : null,
          },
          { label: t("fields.contactEmail"), value: lead.contactEmail },
          { label: t("fields.declaredSource"), value: lead.declaredSource },
          { label: t("fields.tags"), value: <LeadTags tags={lead.tags} /> },
          {
            label: t("fields.duplicate"),
            value: lead.duplicateOfId ? (
              <span className="inline-flex flex-wrap items-center gap-2">
                <LeadDuplicateBadge originalId={lead.duplicateOfId} onOpen={onOpenLead} />
                <span className="text-slate-600">{t("duplicateHint")}</span>
              </span>
            ) : (
              t("notDuplicate")
            ),
          },
          { label: t("fields.deal"), value: <LeadDealLink slug={slug} dealId={lead.dealId} /> },
          {
            label: t("fields.externalId"),
            value: <span className="tabular-nums">{lead.externalId}</span>,
          },
          { label: t("fields.receivedAt"), value: dateTime(lead.createdAt) },
          { label: t("fields.updatedAt"), value: dateTime(lead.updatedAt) },
        ]}
      />
    </DetailSection>
  );
}

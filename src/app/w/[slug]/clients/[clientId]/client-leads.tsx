"use client";

import { useTranslations } from "next-intl";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { LeadDealLink } from "../../leads/lead-deal-link";
import type { TClientDetail } from "./client-types";

/** The client's online bookings with the source and campaign that brought them. */
export function ClientLeads({
  slug,
  leads,
  timeZone,
}: {
  slug: string;
  leads: TClientDetail["leads"];
  timeZone: string;
}) {
  const t = useTranslations();
  const dateTime = useWorkspaceDateTime(timeZone);
  const channel = (value: string | null) =>
    value && t.has(`sites.channels.${value}`) ? t(`sites.channels.${value}`) : value;
  return (
    <DetailSection title={t("clients.sections.leads")} testId="client-leads">
      {leads.length === 0 ? <p className="text-sm text-slate-500">{t("clients.noLeads")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {leads.map((lead) => (
          <li key={lead.id} data-testid="client-lead" className="space-y-1.5 py-2.5 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium tabular-nums text-slate-900">
                {dateTime(lead.crmCreatedAt)}
              </span>
              <LeadDealLink slug={slug} dealId={lead.dealId} />
            </div>
            <DetailList
              items={[
                {
                  label: t("clients.leadSource"),
                  value:
                    [lead.sourceName ?? lead.declaredSource, channel(lead.channel)]
                      .filter(Boolean)
                      .join(" · ") || t("clients.noSource"),
                },
                { label: t("clients.leadCampaign"), value: lead.campaignName ?? lead.utmCampaign },
              ]}
            />
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}

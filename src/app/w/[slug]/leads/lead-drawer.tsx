"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { DetailDrawer } from "@/components/data-table/detail-drawer";
import { LoadState } from "@/components/data-table/load-state";
import { RawJsonSection } from "@/components/data-table/raw-json-section";
import { useTRPC } from "@/trpc/react";

import { LeadAttribution } from "./lead-attribution";
import { LeadPageViews } from "./lead-page-views";
import { LeadSummary } from "./lead-summary";

const LIVE_REFRESH_MS = 5_000;

type TLeadDrawerProps = {
  leadId: string;
  slug: string;
  timeZone: string;
  onOpenLead: (leadId: string) => void;
  onClose: () => void;
};

/** The open lead (`?lead=<id>`), refreshed like the list so a deal linked meanwhile shows up while reading. */
export function LeadDrawer({ leadId, slug, timeZone, onOpenLead, onClose }: TLeadDrawerProps) {
  const t = useTranslations("leads");
  const trpc = useTRPC();
  const lead = useQuery(
    trpc.leads.byId.queryOptions(
      { leadId },
      { refetchInterval: LIVE_REFRESH_MS, refetchIntervalInBackground: false },
    ),
  );
  const data = lead.data;
  return (
    <DetailDrawer
      title={data ? (data.contactName ?? t("unnamed")) : t("drawer.title")}
      subtitle={data ? t("drawer.subtitle", { id: data.externalId }) : null}
      onClose={onClose}
      testId="lead-drawer"
    >
      {data ? (
        <div className="space-y-5">
          <LeadSummary lead={data} slug={slug} timeZone={timeZone} onOpenLead={onOpenLead} />
          <LeadAttribution lead={data} slug={slug} />
          <LeadPageViews
            pageViews={data.pageViews}
            hasSession={data.sessionId !== null}
            timeZone={timeZone}
          />
          {/* The widget booking exactly as Klientiks sent it. */}
          <RawJsonSection
            title={t("drawer.sections.raw")}
            toggleLabel={t("drawer.showRaw")}
            raw={data.raw}
            testId="lead-raw-json"
          />
        </div>
      ) : (
        <LoadState error={lead.error} loadingText={t("drawer.loading")} />
      )}
    </DetailDrawer>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

import { useSourceLabel } from "@/app/w/[slug]/settings/sites/use-source-label";

import type { TAnalyticsReport } from "./analytics-types";
import type { TReportNode } from "./report-tree";

/** The name a report row shows: the channel, the source, the campaign, or its UTM content and term. */
export function useGroupLabel(report: Pick<TAnalyticsReport, "sources" | "campaigns"> | undefined) {
  const t = useTranslations("analytics");
  const tChannel = useTranslations("sites.channels");
  const sourceLabel = useSourceLabel();
  const names = useMemo(
    () => ({
      sources: new Map(report?.sources.map((source) => [source.id, sourceLabel(source)])),
      campaigns: new Map(report?.campaigns.map((campaign) => [campaign.id, campaign.name])),
    }),
    [report, sourceLabel],
  );
  return useCallback(
    ({ level, group }: Pick<TReportNode, "level" | "group">): string => {
      switch (level) {
        case "channel":
          return group.channel && tChannel.has(group.channel)
            ? tChannel(group.channel)
            : t("undetermined");
        case "source":
          return names.sources.get(group.sourceId) ?? t("noSource");
        case "campaign":
          return names.campaigns.get(group.campaignId) ?? t("noCampaign");
        case "utm":
          return t("utmGroup", {
            content: group.utmContent || t("noValue"),
            term: group.utmTerm || t("noValue"),
          });
      }
    },
    [names, t, tChannel],
  );
}

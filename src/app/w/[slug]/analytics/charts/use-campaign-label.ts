"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

import { useSourceLabel } from "../../settings/sites/use-source-label";
import type { TAnalyticsReport, TReportRow } from "../analytics-types";
import { useChannelLabel } from "./use-channel-label";

/**
 * A campaign row's name. A row without a campaign gathers its source's traffic that named none, so
 * it is called after the source («Яндекс Директ · без кампании»), or after the channel when the
 * source is unknown too.
 */
export function useCampaignLabel({
  sources,
  campaigns,
}: Pick<TAnalyticsReport, "sources" | "campaigns">) {
  const t = useTranslations("analyticsCharts");
  const sourceLabel = useSourceLabel();
  const channelLabel = useChannelLabel();
  const sourcesById = useMemo(
    () => new Map(sources.map((source) => [source.id, source])),
    [sources],
  );
  const campaignNames = useMemo(
    () => new Map(campaigns.map((campaign) => [campaign.id, campaign.name])),
    [campaigns],
  );
  return useCallback(
    (row: TReportRow) => {
      // A campaign missing from the list (deleted since) still has its id to tell it apart.
      if (row.campaignId !== "") return campaignNames.get(row.campaignId) ?? row.campaignId;
      const source = sourcesById.get(row.sourceId);
      return t("withoutCampaign", {
        source: source ? sourceLabel(source) : channelLabel(row.channel),
      });
    },
    [campaignNames, sourcesById, sourceLabel, channelLabel, t],
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { TFilterOption } from "@/components/data-table/filters/multi-select-filter";
import { useTRPC } from "@/trpc/react";
import { useSourceLabel } from "../settings/sites/use-source-label";

export type TLeadReferences = {
  siteOptions: TFilterOption[];
  sourceOptions: TFilterOption[];
  campaignOptions: TFilterOption[];
};

/**
 * The site, source and campaign choices of the filters. (Rows carry their names from the server,
 * so a campaign the tracker creates later still shows by name in the table.)
 */
export function useLeadReferences(): TLeadReferences {
  const trpc = useTRPC();
  const sourceLabel = useSourceLabel();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const sources = useQuery(trpc.sites.sources.queryOptions());
  const campaigns = useQuery(trpc.sites.campaigns.queryOptions());
  return useMemo(() => {
    const siteOptions = (sites.data?.sites ?? []).map((site) => ({ value: site.id, label: site.name }));
    const sourceOptions = (sources.data ?? []).map((source) => ({ value: source.id, label: sourceLabel(source) }));
    const campaignOptions = (campaigns.data ?? []).map((campaign) => ({ value: campaign.id, label: campaign.name }));
    return { siteOptions, sourceOptions, campaignOptions };
  }, [sites.data, sources.data, campaigns.data, sourceLabel]);
}

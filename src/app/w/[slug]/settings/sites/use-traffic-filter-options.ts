"use client";

import { useMemo } from "react";

import type { TFilterOption } from "@/components/data-table/filters/multi-select-filter";

import { useSourceLabel } from "./use-source-label";
import { useTrafficCatalog } from "./use-traffic-catalog";

export type TTrafficFilterOptions = {
  siteOptions: TFilterOption[];
  sourceOptions: TFilterOption[];
  campaignOptions: TFilterOption[];
};

/**
 * The site, source and campaign choices of the leads' and deals' filters. (Rows carry their names
 * from the server, so a campaign the tracker creates later still shows by name in the table.)
 */
export function useTrafficFilterOptions(): TTrafficFilterOptions {
  const sourceLabel = useSourceLabel();
  const { sites, sources, campaigns } = useTrafficCatalog();
  return useMemo(() => {
    const siteOptions = (sites ?? []).map((site) => ({ value: site.id, label: site.name }));
    const sourceOptions = (sources ?? []).map((source) => ({
      value: source.id,
      label: sourceLabel(source),
    }));
    const campaignOptions = (campaigns ?? []).map((campaign) => ({
      value: campaign.id,
      label: campaign.name,
    }));
    return { siteOptions, sourceOptions, campaignOptions };
  }, [sites, sources, campaigns, sourceLabel]);
}

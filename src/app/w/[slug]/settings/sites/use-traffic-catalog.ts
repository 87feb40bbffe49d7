"use client";

import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "@/trpc/react";

/** The workspace's sites, sources and ad campaigns: what leads are attributed to. */
export function useTrafficCatalog() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const sources = useQuery(trpc.sites.sources.queryOptions());
  const campaigns = useQuery(trpc.sites.campaigns.queryOptions());
  return {
    sites: sites.data?.sites,
    sources: sources.data,
    campaigns: campaigns.data,
    isPending: sites.isPending || sources.isPending || campaigns.isPending,
  };
}

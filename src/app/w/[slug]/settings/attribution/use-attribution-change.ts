"use client";

import { useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@/trpc/react";

/**
 * After a saved change: the page's queries read the new state, and the recompute's progress is
 * fetched at once so its bar appears (it polls only while it sees a running job).
 */
export function useRefreshAfterAttributionChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.attribution.pathKey() }),
      queryClient.invalidateQueries({
        queryKey: trpc.klientiks.dealRecomputeProgress.queryKey(),
      }),
    ]);
}

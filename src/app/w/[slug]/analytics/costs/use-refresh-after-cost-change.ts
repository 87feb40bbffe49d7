"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useTRPC } from "@/trpc/react";

/** After costs change, the grid and every cached report (its costs, CPL and ROMI) are read again. */
export function useRefreshAfterCostChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.costs.grid.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.analytics.pathKey() }),
      ]),
    [queryClient, trpc],
  );
}

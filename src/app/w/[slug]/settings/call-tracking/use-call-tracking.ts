"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useFormatter } from "next-intl";
import { useCallback } from "react";

import { useTRPC } from "@/trpc/react";

/** Refetches the page's one query after a change. */
export function useInvalidateCallTracking() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.callTracking.overview.queryKey() });
}

/** «held until 14:05» on the workspace clock. */
export function useHeldUntil(timeZone: string) {
  const format = useFormatter();
  return useCallback(
    (value: Date) => format.dateTime(value, { timeStyle: "short", timeZone }),
    [format, timeZone],
  );
}

export type TNumberView = {
  id: string;
  phone: string;
  usage: "pool" | "static" | "fallback";
  siteId: string | null;
  sourceId: string | null;
  campaignId: string | null;
  heldUntil: Date | null;
};

export type TOption = { id: string; label: string };

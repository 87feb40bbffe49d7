"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

import { useLiveEvents } from "@/components/live/live-events-context";
import { useTRPC } from "@/trpc/react";

/** A burst of events (a call's ring, answer and end within a second) refetches once. */
const COALESCE_MS = 300;

/**
 * Keeps the calls table, the open call and the client page current: each `calls.changed` live event
 * (docs/realtime.md) marks their queries stale, and the visible ones refetch.
 */
export function useLiveCalls(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents("calls.changed", () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void queryClient.invalidateQueries({ queryKey: trpc.calls.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
    }, COALESCE_MS);
  });
}

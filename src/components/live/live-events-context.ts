"use client";

import { createContext, useContext, useEffect, useRef } from "react";

/** A live event as the SSE route sends it (docs/realtime.md); `isReplay`: read back after a reconnect. */
export type TLiveEvent = {
  id: string;
  topic: string;
  payload: unknown;
  createdAt: string;
  isReplay?: boolean;
};

export type TLiveEventsContext = {
  /** Returns the unsubscribe function. */
  subscribe: (topic: string, handler: (event: TLiveEvent) => void) => () => void;
};

export const LiveEventsContext = createContext<TLiveEventsContext | null>(null);

/**
 * Calls `handler` for each live event of `topic` in this workspace, e.g. `calls.changed` to refetch
 * a table. The latest handler is used without resubscribing, so it may close over fresh state.
 * Outside the workspace shell (no provider) it does nothing.
 */
export function useLiveEvents(topic: string, handler: (event: TLiveEvent) => void): void {
  const context = useContext(LiveEventsContext);
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(
    () => context?.subscribe(topic, (event) => handlerRef.current(event)),
    [context, topic],
  );
}

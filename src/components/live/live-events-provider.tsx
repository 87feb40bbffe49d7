"use client";

import { useCallback, useEffect, useMemo, useRef, type ReactNode } from "react";

import { IncomingCallCards } from "@/components/calls/incoming-call-cards";
import { LiveEventsContext, type TLiveEvent } from "@/components/live/live-events-context";

/** Waits before opening a new stream after the browser gave up on one (a 401, 404 or 5xx ends EventSource). */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

const storageKeyOf = (slug: string) => `svyaz.live.${slug}.lastEventId`;

function readLastEventId(slug: string): string | null {
  try {
    return sessionStorage.getItem(storageKeyOf(slug));
  } catch {
    return null;
  }
}

function saveLastEventId(slug: string, id: string): void {
  try {
    sessionStorage.setItem(storageKeyOf(slug), id);
  } catch {
    // Private mode or full storage: a reload then starts without a backlog, nothing worse.
  }
}

function parseLiveEvent(data: string): TLiveEvent | null {
  try {
    const event = JSON.parse(data) as Partial<TLiveEvent>;
    return typeof event.id === "string" && typeof event.topic === "string"
      ? (event as TLiveEvent)
      : null;
  } catch {
    return null;
  }
}

/**
 * One Server-Sent Events stream per open workspace tab (`/api/w/{slug}/events`, docs/realtime.md),
 * shared by every `useLiveEvents` subscriber. EventSource reconnects by itself and sends the last id
 * back; the id is also kept for the tab's session, so a reload resumes after it (`?lastEventId=`).
 * Renders the incoming-call cards over every page.
 */
export function LiveEventsProvider({
  slug,
  timeZone,
  children,
}: {
  slug: string;
  timeZone: string;
  children: ReactNode;
}) {
  const handlers = useRef(new Map<string, Set<(event: TLiveEvent) => void>>());

  const subscribe = useCallback((topic: string, handler: (event: TLiveEvent) => void) => {
    let ofTopic = handlers.current.get(topic);
    if (!ofTopic) handlers.current.set(topic, (ofTopic = new Set()));
    ofTopic.add(handler);
    return () => {
      ofTopic.delete(handler);
    };
  }, []);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const connect = () => {
      const lastEventId = readLastEventId(slug);
      source = new EventSource(
        `/api/w/${encodeURIComponent(slug)}/events${lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : ""}`,
      );
      source.onopen = () => {
        failures = 0;
      };
      source.onmessage = (message: MessageEvent<string>) => {
        const event = parseLiveEvent(message.data);
        if (!event) return;
        saveLastEventId(slug, event.id);
        for (const handler of handlers.current.get(event.topic) ?? []) {
          try {
            handler(event);
          } catch (error) {
            console.error(`live event handler for ${event.topic} failed`, error);
          }
        }
      };
      source.onerror = () => {
        // While CONNECTING the browser is already retrying on its own, with Last-Event-ID.
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        failures += 1;
        retryTimer = setTimeout(
          connect,
          Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1)),
        );
      };
    };
    connect();
    return () => {
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [slug]);

  const value = useMemo(() => ({ subscribe }), [subscribe]);
  return (
    <LiveEventsContext.Provider value={value}>
      {children}
      <IncomingCallCards slug={slug} timeZone={timeZone} />
    </LiveEventsContext.Provider>
  );
}

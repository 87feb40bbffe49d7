import { EventEmitter } from "node:events";

import type { TRealtimeEvent } from "@/server/realtime/realtime-event";

const COMMITTED = "committed";

/**
 * Committed events of this process, handed from the publisher to this process's hub. Only the
 * in-process transport listens (the embedded database, docs/realtime.md); with PostgreSQL the hub
 * hears every process's events through NOTIFY instead, its own included. On globalThis: Next.js
 * may load a module once per bundle, and the publisher and the SSE route must share one bus.
 */
const globalForBus = globalThis as unknown as { svyazRealtimeBus?: EventEmitter };

const bus = (): EventEmitter => {
  if (!globalForBus.svyazRealtimeBus) {
    globalForBus.svyazRealtimeBus = new EventEmitter();
    globalForBus.svyazRealtimeBus.setMaxListeners(0);
  }
  return globalForBus.svyazRealtimeBus;
};

export const emitCommittedEvents = (events: readonly TRealtimeEvent[]): void => {
  bus().emit(COMMITTED, events);
};

/** Returns the unsubscribe function. */
export function onCommittedEvents(
  listener: (events: readonly TRealtimeEvent[]) => void,
): () => void {
  bus().on(COMMITTED, listener);
  return () => bus().off(COMMITTED, listener);
}

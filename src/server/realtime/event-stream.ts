import type { TLogger } from "@/server/logging/logger";
import type { RealtimeHub } from "@/server/realtime/hub";
import type { TRealtimeAudience, TRealtimeEvent } from "@/server/realtime/realtime-event";

export const HEARTBEAT_MS = 15_000;
/** What EventSource waits before reconnecting after a dropped stream. */
const RECONNECT_DELAY_MS = 3_000;
/** A client that reads nothing while this much piles up is cut off; its EventSource reconnects and resumes. */
const MAX_QUEUED_BYTES = 1024 * 1024;

/**
 * `X-Accel-Buffering: no` keeps nginx-style proxies from holding events back; `no-transform` keeps
 * compressing proxies from buffering them.
 */
export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

/**
 * One SSE message (WHATWG HTML §9.2): the id EventSource sends back on reconnect, the event as JSON
 * on one line. `isReplay` marks an event read back on a resumed stream, so the page can tell a call
 * that ended while it was away from one ending now.
 */
export const formatSseEvent = (
  event: TRealtimeEvent,
  { isReplay = false }: { isReplay?: boolean } = {},
): string =>
  `id: ${event.id}\ndata: ${JSON.stringify({ id: event.id, topic: event.topic, payload: event.payload, createdAt: event.createdAt, ...(isReplay ? { isReplay } : {}) })}\n\n`;

export type TEventStreamOptions = {
  hub: Pick<RealtimeHub, "subscribe">;
  audience: TRealtimeAudience;
  /** The resumed stream's last id: events after it are read back first. Null on a fresh start. */
  lastEventId: bigint | null;
  readBacklog: (afterId: bigint) => Promise<TRealtimeEvent[]>;
  /** The request's signal: the stream ends and unsubscribes when the client goes away. */
  signal: AbortSignal;
  log: TLogger;
  heartbeatMs?: number;
};

/**
 * A `text/event-stream` response of the audience's live events (docs/realtime.md). It subscribes
 * before reading the backlog and holds live events back until the backlog is out, so an event
 * committed in between is neither lost nor sent twice. Comments every 15 s keep proxies and the
 * browser from timing the idle stream out.
 */
export function createEventStreamResponse(options: TEventStreamOptions): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let isClosed = false;
        let heldBack: TRealtimeEvent[] | null = options.lastEventId === null ? null : [];
        const write = (text: string) => {
          if (isClosed) return;
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) {
            options.log.warn("realtime stream: the client reads too slowly; closing", {
              tenantId: options.audience.tenantId,
            });
            close();
          }
        };
        const unsubscribe = options.hub.subscribe(options.audience, (event) => {
          if (heldBack) heldBack.push(event);
          else write(formatSseEvent(event));
        });
        const heartbeat = setInterval(
          () => write(": ping\n\n"),
          options.heartbeatMs ?? HEARTBEAT_MS,
        );
        cleanup = () => {
          if (isClosed) return;
          isClosed = true;
          unsubscribe();
          clearInterval(heartbeat);
          options.signal.removeEventListener("abort", close);
        };
        function close() {
          if (isClosed) return;
          cleanup();
          try {
            controller.close();
          } catch {
            // Already closed or errored by the consumer.
          }
        }
        options.signal.addEventListener("abort", close);
        if (options.signal.aborted) return close();

        write(`retry: ${RECONNECT_DELAY_MS}\n: connected\n\n`);
        if (options.lastEventId === null) return;
        options.readBacklog(options.lastEventId).then(
          (backlog) => {
            const sentIds = new Set(backlog.map((event) => event.id));
            for (const event of backlog) write(formatSseEvent(event, { isReplay: true }));
            for (const event of heldBack ?? [])
              if (!sentIds.has(event.id)) write(formatSseEvent(event));
            heldBack = null;
          },
          (error: unknown) => {
            options.log.warn("realtime stream: reading the backlog failed; live events only", {
              tenantId: options.audience.tenantId,
              error,
            });
            for (const event of heldBack ?? []) write(formatSseEvent(event));
            heldBack = null;
          },
        );
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}

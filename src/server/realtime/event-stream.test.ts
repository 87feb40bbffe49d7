import { describe, expect, it } from "vitest";

import { createLogger } from "@/server/logging/logger";
import { createEventStreamResponse, formatSseEvent } from "@/server/realtime/event-stream";
import type { TRealtimeAudience, TRealtimeEvent } from "@/server/realtime/realtime-event";

const audience: TRealtimeAudience = { tenantId: "tnt_a", membershipId: "mbr_a" };
const eventOf = (id: string, topic = "calls.changed"): TRealtimeEvent => ({
  id,
  tenantId: "tnt_a",
  membershipId: null,
  topic,
  payload: { id },
  createdAt: "2026-01-01T00:00:00.000Z",
});

/** A hub that hands events to its subscribers when the test says so. */
function createFakeHub() {
  const subscribers = new Set<(event: TRealtimeEvent) => void>();
  return {
    subscribers,
    subscribe: (_audience: TRealtimeAudience, deliver: (event: TRealtimeEvent) => void) => {
      subscribers.add(deliver);
      return () => subscribers.delete(deliver);
    },
    emit: (event: TRealtimeEvent) => subscribers.forEach((deliver) => deliver(event)),
  };
}

async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  marker: string,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(marker)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  return text;
}

const idsIn = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((match) => match[1]);

describe("formatSseEvent", () => {
  it("writes the id line EventSource resumes from and the event as one JSON data line", () => {
    const text = formatSseEvent({ ...eventOf("42", "call.card"), payload: { name: "Анна\nline" } });
    expect(text).toBe(
      'id: 42\ndata: {"id":"42","topic":"call.card","payload":{"name":"Анна\\nline"},"createdAt":"2026-01-01T00:00:00.000Z"}\n\n',
    );
    expect(formatSseEvent(eventOf("43"), { isReplay: true })).toContain('"isReplay":true');
  });
});

describe("createEventStreamResponse", () => {
  it("sends the backlog first, then the events held back meanwhile, each once", async () => {
    const hub = createFakeHub();
    let releaseBacklog: (events: TRealtimeEvent[]) => void = () => {};
    const backlog = new Promise<TRealtimeEvent[]>((resolve) => (releaseBacklog = resolve));
    const abort = new AbortController();
    const response = createEventStreamResponse({
      hub,
      audience,
      lastEventId: 10n,
      readBacklog: () => backlog,
      signal: abort.signal,
      log: createLogger({}),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const reader = response.body!.getReader();
    await readUntil(reader, ": connected");
    // Committed while the backlog was being read: 12 is in both, 13 only live.
    hub.emit(eventOf("12"));
    hub.emit(eventOf("13"));
    releaseBacklog([eventOf("11"), eventOf("12")]);
    const text = await readUntil(reader, "id: 13");
    hub.emit(eventOf("14"));
    const all = text + (await readUntil(reader, "id: 14"));
    expect(idsIn(all)).toEqual(["11", "12", "13", "14"]);
    // Only what was read back is marked as a replay.
    expect(
      all
        .split("\n")
        .filter((line) => line.includes('"isReplay":true'))
        .map((line) => JSON.parse(line.slice(6)).id),
    ).toEqual(["11", "12"]);
    abort.abort();
    expect(hub.subscribers.size).toBe(0);
    expect((await reader.read()).done).toBe(true);
  });

  it("goes live at once on a fresh start, beats every heartbeat interval and unsubscribes when the consumer cancels", async () => {
    const hub = createFakeHub();
    let backlogReads = 0;
    const response = createEventStreamResponse({
      hub,
      audience,
      lastEventId: null,
      heartbeatMs: 20,
      signal: new AbortController().signal,
      log: createLogger({}),
      readBacklog: async () => {
        backlogReads += 1;
        return [];
      },
    });
    const reader = response.body!.getReader();
    hub.emit(eventOf("7"));
    expect(idsIn(await readUntil(reader, "id: 7"))).toEqual(["7"]);
    await readUntil(reader, ": ping");
    await reader.cancel();
    expect(hub.subscribers.size).toBe(0);
    expect(backlogReads).toBe(0);
  });

  it("ends at once for a request already aborted", async () => {
    const hub = createFakeHub();
    const abort = new AbortController();
    abort.abort();
    const response = createEventStreamResponse({
      hub,
      audience,
      lastEventId: null,
      readBacklog: async () => [],
      signal: abort.signal,
      log: createLogger({}),
    });
    expect((await response.body!.getReader().read()).done).toBe(true);
    expect(hub.subscribers.size).toBe(0);
  });
});

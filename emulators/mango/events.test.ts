import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import {
  startReceiver,
  startTestEmulator,
  type ReceivedEvent,
  type Receiver,
  type TestEmulator,
} from "./test-support";

let emulator: TestEmulator;
let receiver: Receiver;
let account: AccountView;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  receiver = await startReceiver();
  account = await emulator.control.createAccount({
    numbers: ["74996470001"],
    users: [{ extension: "100" }, { extension: "101" }, { extension: "102", online: false }],
    events_url: receiver.url,
    timings: { record_delay_ms: 0 },
  });
});
afterEach(() => receiver.close());

type CallEvent = {
  call_id: string;
  seq: number;
  call_state: string;
  to: { extension?: string };
  disconnect_reason?: number;
};

const callEvents = (received: ReceivedEvent[]): CallEvent[] =>
  received
    .filter((event) => event.path === "events/call")
    .map((event) => event.json as unknown as CallEvent);

const describeLeg = (event: CallEvent): string =>
  `${event.to.extension} ${event.call_state} #${event.seq}`;

describe("a live incoming call driven through the control API", () => {
  it("Appeared per online extension, Connected, Disconnected, recording, summary, record/added", async () => {
    const call = await emulator.control.placeCall(account.id, {
      caller: "79031234501",
      did: "74996470001",
    });
    expect(call).toMatchObject({ state: "ringing", direction: "in", from_number: "79031234501" });
    await emulator.control.driveCall(account.id, call.entry_id, {
      action: "answer",
      extension: "101",
    });
    const ended = await emulator.control.driveCall(account.id, call.entry_id, {
      action: "hangup",
      extension: "101",
    });
    expect(ended).toMatchObject({ state: "ended", outcome: "answered", extension: "101" });

    const received = await receiver.waitFor(1, (event) => event.path === "events/record/added");
    expect(received).toHaveLength(1);
    expect(receiver.received.map((event) => event.path)).toEqual([
      "events/call",
      "events/call",
      "events/call",
      "events/call",
      "events/recording",
      "events/call",
      "events/recording",
      "events/summary",
      "events/record/added",
    ]);
    expect(callEvents(receiver.received).map(describeLeg)).toEqual([
      "100 Appeared #1",
      "101 Appeared #1",
      "100 Disconnected #2",
      "101 Connected #2",
      "101 Disconnected #3",
    ]);
    const [first] = callEvents(receiver.received);
    expect(first).toMatchObject({
      entry_id: call.entry_id,
      location: "abonent",
      from: { number: "79031234501" },
      to: { extension: "100", line_number: "74996470001" },
      dct: { number: "", type: 0 },
      timestamp: expect.any(Number),
    });
    const summary = receiver.received.find((event) => event.path === "events/summary")?.json;
    expect(summary).toMatchObject({
      entry_id: call.entry_id,
      call_direction: 1,
      from: { number: "79031234501" },
      to: { extension: "101", number: "74996470001" },
      line_number: "74996470001",
      entry_result: 1,
      disconnect_reason: 1111,
    });
    expect(Number(summary?.talk_time)).toBeGreaterThan(0);
    const recordings = receiver.received.filter((event) => event.path === "events/recording");
    expect(recordings.map((event) => [event.json.recording_state, event.json.seq])).toEqual([
      ["Started", 1],
      ["Completed", 2],
    ]);
    const added = receiver.received.at(-1)?.json;
    expect(added).toMatchObject({
      entry_id: call.entry_id,
      product_id: account.product_id,
      recording_id: recordings[0]?.json.recording_id,
    });
  });

  it("a missed call: Disconnected per leg, summary with entry_result 0 and talk_time 0, no recording", async () => {
    const call = await emulator.control.placeCall(account.id, { caller: "79031234502" });
    await emulator.control.driveCall(account.id, call.entry_id, { action: "caller_hangup" });
    await receiver.waitFor(1, (event) => event.path === "events/summary");
    expect(receiver.received.find((event) => event.path === "events/summary")?.json).toMatchObject({
      entry_result: 0,
      talk_time: 0,
      disconnect_reason: 1110,
      call_direction: 1,
    });
    expect(receiver.received.some((event) => event.path.startsWith("events/record"))).toBe(false);
  });
});

describe("out-of-order events", () => {
  const placeAnsweredCall = async () => {
    const call = await emulator.control.placeCall(account.id, {
      caller: "79031234503",
      script: { answered_by: "100", ring_seconds: 2, talk_seconds: 10 },
    });
    await receiver.waitFor(1, (event) => event.path === "events/record/added");
    return call;
  };

  it("in order by default: each call_id's seq arrives ascending", async () => {
    await placeAnsweredCall();
    const byLeg = new Map<string, number[]>();
    for (const event of callEvents(receiver.received))
      byLeg.set(event.call_id, [...(byLeg.get(event.call_id) ?? []), event.seq]);
    for (const seqs of byLeg.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("reverse: the call's events arrive last first, summary before the legs, seq values intact", async () => {
    await emulator.control.setEventOrder(account.id, "reverse");
    await placeAnsweredCall();
    const paths = receiver.received.map((event) => event.path);
    expect(paths[0]).toBe("events/summary");
    expect(paths.at(-1)).toBe("events/record/added");
    expect(callEvents(receiver.received).map(describeLeg)).toEqual([
      "100 Disconnected #3",
      "100 Connected #2",
      "101 Disconnected #2",
      "101 Appeared #1",
      "100 Appeared #1",
    ]);
  });

  it("shuffle: the same events, a different order; back in order when switched off", async () => {
    await emulator.control.setEventOrder(account.id, "shuffle");
    await placeAnsweredCall();
    const shuffled = callEvents(receiver.received).map(describeLeg);
    expect([...shuffled].sort()).toEqual(
      [
        "100 Appeared #1",
        "101 Appeared #1",
        "100 Connected #2",
        "101 Disconnected #2",
        "100 Disconnected #3",
      ].sort(),
    );
    receiver.received.length = 0;
    await emulator.control.setEventOrder(account.id, "in_order");
    await placeAnsweredCall();
    expect(receiver.received[0]?.path).toBe("events/call");
    expect(receiver.received.find((event) => event.path === "events/summary")).toBe(
      receiver.received.at(-2),
    );
  });
});

describe("the connection check and the delivery log", () => {
  it("ping POSTs `${url}ping` and reports the answer", async () => {
    const result = await emulator.control.ping(account.id);
    expect(result).toEqual({
      ok: true,
      url: `${receiver.url}ping`,
      status: 200,
      body: '{"success":true}',
      error: null,
    });
    expect(receiver.received.map((event) => event.path)).toEqual(["ping"]);
  });

  it("ping reports an unreachable address", async () => {
    const result = await emulator.control.ping(account.id, "http://127.0.0.1:9/nothing/");
    expect(result).toMatchObject({ ok: false, status: null, error: expect.any(String) });
  });

  it("drops and duplicates events on faults, and logs every attempt", async () => {
    await emulator.control.addEventFault(account.id, { mode: "drop", path: "events/summary" });
    await emulator.control.addEventFault(account.id, {
      mode: "duplicate",
      path: "events/record/added",
    });
    await emulator.control.placeCall(account.id, {
      caller: "79031234504",
      script: { answered_by: "100" },
    });
    await receiver.waitFor(2, (event) => event.path === "events/record/added");
    expect(receiver.received.some((event) => event.path === "events/summary")).toBe(false);
    const log = await emulator.control.listEvents(account.id);
    expect(log.find((entry) => entry.path === "events/summary")).toMatchObject({
      outcome: "dropped",
      faults: ["drop"],
    });
  });
});

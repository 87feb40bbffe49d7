import { describe, expect, it } from "vitest";

import { foldCall } from "@/server/domain/calls/fold-call";

import { identifyMangoEvent, mangoLegStates, parseMangoEvent } from "./events";

const RECEIVED_AT = new Date("2026-12-01T10:00:30Z");
const T0 = Date.parse("2026-12-01T10:00:00Z") / 1000;

type TRaw = { path: string; json: string };
const raw = (path: string, json: Record<string, unknown>): TRaw => ({
  path,
  json: JSON.stringify(json),
});

const CALLER = { number: "79991234567" };
const LINE = "74951112233";

/** One `events/call` of call E1: leg, seq, seconds after T0, state, location, the callee side. */
const leg = (
  callId: string,
  seq: number,
  after: number,
  state: string,
  location: string,
  to: Record<string, string>,
  extra: Record<string, unknown> = {},
) =>
  raw("events/call", {
    entry_id: "E1",
    call_id: callId,
    seq,
    timestamp: T0 + after,
    call_state: state,
    location,
    from: CALLER,
    to,
    ...extra,
  });

/** An incoming call: the voice menu (leg A), then extension 101 rings and answers (leg B), recorded. */
const INCOMING: readonly TRaw[] = [
  leg("A", 1, 0, "Appeared", "ivr", { number: LINE, line_number: LINE }),
  leg("A", 2, 1, "Connected", "ivr", { number: LINE, line_number: LINE }),
  leg("B", 1, 5, "Appeared", "abonent", { extension: "101", line_number: LINE }),
  leg("B", 2, 9, "Connected", "abonent", { extension: "101", line_number: LINE }),
  leg("B", 3, 70, "Disconnected", "abonent", { extension: "101" }, { disconnect_reason: 1110 }),
  raw("events/summary", {
    entry_id: "E1",
    call_direction: 1,
    from: { number: "79991234567" },
    to: { extension: "101", number: "74951112233" },
    line_number: "74951112233",
    create_time: T0,
    forward_time: T0 + 5,
    talk_time: T0 + 9,
    end_time: T0 + 70,
    entry_result: 1,
    disconnect_reason: 1110,
  }),
  raw("events/record/added", {
    entry_id: "E1",
    product_id: 1,
    user_id: 7,
    recording_id: "REC-1",
    timestamp: T0 + 80,
  }),
];

const toEvent = ({ path, json }: TRaw) => {
  const parsed = parseMangoEvent(path, json, { receivedAt: RECEIVED_AT });
  if (parsed.kind !== "event") throw new Error(`not an event: ${JSON.stringify(parsed)}`);
  return parsed.event;
};

const MEMBERS = { extensionMembers: new Map([["101", "mem_1"]]) };
const fold = (raws: readonly TRaw[]) => foldCall(raws.map(toEvent), MEMBERS);

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let index = 0; index < items.length; index += 1) {
    const rest = [...items.slice(0, index), ...items.slice(index + 1)];
    for (const tail of permutations(rest)) yield [items[index] as T, ...tail];
  }
}

describe("identifyMangoEvent: the idempotency keys of docs/telephony-mango.md §7.6", () => {
  it("keys each event path", () => {
    expect(identifyMangoEvent("events/call", '{"entry_id":"E","call_id":"C","seq":4}')).toEqual({
      kind: "event",
      eventKey: "mango:call:C:4",
      providerCallId: "E",
      path: "events/call",
    });
    expect(identifyMangoEvent("events/summary", '{"entry_id":"E"}')).toMatchObject({
      eventKey: "mango:summary:E",
    });
    expect(
      identifyMangoEvent("events/recording", '{"entry_id":"E","recording_id":"R","seq":2}'),
    ).toMatchObject({ eventKey: "mango:recording:R:2" });
    expect(
      identifyMangoEvent("events/record/added", '{"entry_id":"E","recording_id":"R"}'),
    ).toMatchObject({ eventKey: "mango:recadded:R", providerCallId: "E" });
    expect(
      identifyMangoEvent("result/callback", '{"command_id":"c2c_1","result":1000}'),
    ).toMatchObject({ eventKey: "mango:result:c2c_1", providerCallId: "mango-command:c2c_1" });
  });

  it("ignores paths we do not handle and rejects unusable json", () => {
    expect(identifyMangoEvent("events/dtmf", "{}")).toEqual({
      kind: "ignored",
      path: "events/dtmf",
    });
    expect(identifyMangoEvent("events/call", "not json")).toMatchObject({
      kind: "invalid",
      field: "json",
    });
    expect(identifyMangoEvent("events/call", '{"entry_id":"E","seq":1}')).toMatchObject({
      kind: "invalid",
      field: "call_id",
    });
    expect(
      identifyMangoEvent("events/call", '{"entry_id":"E","call_id":"C","seq":"x"}'),
    ).toMatchObject({ kind: "invalid", field: "seq" });
  });
});

describe("parseMangoEvent", () => {
  it("maps leg states to neutral kinds", () => {
    expect(INCOMING.map((event) => toEvent(event).kind)).toEqual([
      "started",
      "ivr",
      "ringing",
      "answered",
      "leg_changed",
      "ended",
      "recording_ready",
    ]);
    const ringing = toEvent(INCOMING[2] as TRaw);
    expect(ringing).toMatchObject({
      providerCallId: "E1",
      direction: "incoming",
      clientPhone: "+79991234567",
      companyNumber: "+74951112233",
      extension: "101",
      at: new Date(T0 * 1000 + 5000),
    });
    expect(ringing.payload).toMatchObject({ call_id: "B", seq: "1", "to.extension": "101" });
  });

  it("reads a callback leg as outgoing, the client from to.number", () => {
    const event = toEvent(
      raw("events/call", {
        entry_id: "E2",
        call_id: "L",
        seq: 1,
        timestamp: T0,
        call_state: "Appeared",
        location: "abonent",
        command_id: "c2c_x",
        from: { extension: "101" },
        to: { number: "79990000000" },
      }),
    );
    expect(event).toMatchObject({
      kind: "out_started",
      direction: "outgoing",
      extension: "101",
      clientPhone: "+79990000000",
    });
  });

  it("summary: answered ⇔ talk_time > 0, else by disconnect_reason, raw kept", () => {
    const summary = (talk: number, reason: number) =>
      toEvent(
        raw("events/summary", {
          entry_id: "E3",
          call_direction: 1,
          from: { number: "79991234567" },
          to: { extension: "101" },
          create_time: T0,
          talk_time: talk,
          end_time: T0 + 30,
          entry_result: talk > 0 ? 1 : 0,
          disconnect_reason: reason,
        }),
      );
    expect(summary(T0 + 10, 1110)).toMatchObject({
      kind: "ended",
      disposition: "answered",
      durationSeconds: 30,
      callStartedAt: new Date(T0 * 1000),
    });
    expect(summary(0, 1110).disposition).toBe("no_answer");
    expect(summary(0, 2100).disposition).toBe("failed");
    expect(summary(0, 3200).disposition).toBe("failed");
    expect(summary(0, 4200).disposition).toBe("failed");
    expect(summary(0, 1131).disposition).toBe("busy");
    expect(summary(0, 4200).rawDisposition).toBe("entry_result=0; disconnect_reason=4200");
  });

  it("result/callback is the outcome of a click", () => {
    expect(
      parseMangoEvent("result/callback", '{"command_id":"c2c_1","result":3100}', {
        receivedAt: RECEIVED_AT,
      }),
    ).toEqual({ kind: "callback_result", commandId: "c2c_1", result: 3100 });
  });

  it("an unknown call_state is invalid", () => {
    expect(
      parseMangoEvent(
        "events/call",
        '{"entry_id":"E","call_id":"C","seq":1,"call_state":"Exploded"}',
        { receivedAt: RECEIVED_AT },
      ),
    ).toMatchObject({ kind: "invalid", field: "call_state" });
  });
});

describe("a Mango call folds the same whatever the order (reliability R6–R8)", () => {
  it("every permutation of the call's events, duplicates included, gives the same call", () => {
    const expected = fold(INCOMING);
    expect(expected).toMatchObject({
      direction: "incoming",
      state: "ended",
      clientPhone: "+79991234567",
      extension: "101",
      membershipId: "mem_1",
      disposition: "answered",
      startedAt: new Date(T0 * 1000),
      answeredAt: new Date((T0 + 9) * 1000),
      endedAt: new Date((T0 + 70) * 1000),
      talkSeconds: 61,
      recordingRef: "REC-1",
      recordingState: "pending",
    });
    // Parsed once: the permutations are of the parsed events, 5040 folds.
    const parsed = INCOMING.map(toEvent);
    let count = 0;
    for (const order of permutations(parsed)) {
      expect(foldCall(order, MEMBERS)).toEqual(expected);
      count += 1;
    }
    expect(count).toBe(5040);
    expect(fold([...INCOMING, ...INCOMING.slice(2, 5)])).toEqual(expected);
  }, 60_000);

  it("before the summary, every order of the legs' events gives the same state", () => {
    const legsOnly = INCOMING.slice(0, 5);
    const expected = fold(legsOnly);
    expect(expected.state).toBe("answered");
    for (const order of permutations(legsOnly)) expect(fold(order)).toEqual(expected);
  });
});

describe("mangoLegStates: the lastSeq rule", () => {
  const legEvents = [
    { callId: "B", seq: 1, state: "Appeared" },
    { callId: "B", seq: 2, state: "Connected" },
    { callId: "B", seq: 3, state: "OnHold" },
    { callId: "B", seq: 4, state: "Connected" },
    { callId: "A", seq: 1, state: "Appeared" },
    { callId: "A", seq: 2, state: "Disconnected" },
  ];

  it("keeps per leg the state of the highest seq, whatever the arrival order", () => {
    const expected = [
      { legId: "A", lastSeq: 2, state: "Disconnected" },
      { legId: "B", lastSeq: 4, state: "Connected" },
    ];
    for (const order of permutations(legEvents)) expect(mangoLegStates(order)).toEqual(expected);
  });

  it("ignores an event whose seq is not greater than the leg's last", () => {
    expect(
      mangoLegStates([
        { callId: "B", seq: 2, state: "Connected" },
        { callId: "B", seq: 1, state: "Appeared" },
        { callId: "B", seq: 2, state: "Appeared" },
      ]),
    ).toEqual([{ legId: "B", lastSeq: 2, state: "Connected" }]);
  });
});

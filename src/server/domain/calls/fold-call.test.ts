import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  callEvent,
  incomingAnsweredCall,
  incomingMissedCall,
  outgoingAnsweredCall,
  secondsAfter,
} from "@/server/domain/calls/__fixtures__/call-events";
import type { TCallDisposition, TCallEvent } from "@/server/domain/calls/call-event";
import { foldCall, laterCallState, type TCallState } from "@/server/domain/calls/fold-call";

const T0 = new Date("2025-03-01T07:00:00.000Z");
const CLIENT = "+79990000001";
const members = new Map([
  ["101", "mbr_101"],
  ["102", "mbr_102"],
]);
const fold = (
  events: readonly TCallEvent[],
  recordingState?: "none" | "pending" | "ready" | "unavailable",
) => foldCall(events, { extensionMembers: members, recordingState });

describe("foldCall: scenarios", () => {
  it("an incoming answered call: who answered, when, for how long, and a recording to fetch", () => {
    const events = incomingAnsweredCall({
      providerCallId: "in-1",
      startedAt: T0,
      clientPhone: CLIENT,
      waitSeconds: 8,
      talkSeconds: 65,
      recordingRef: null,
    });
    expect(fold(events)).toEqual({
      direction: "incoming",
      state: "ended",
      clientPhone: CLIENT,
      companyNumber: "+74950000000",
      extension: "101",
      membershipId: "mbr_101",
      startedAt: T0,
      answeredAt: secondsAfter(T0, 8),
      endedAt: secondsAfter(T0, 73),
      waitSeconds: 8,
      talkSeconds: 65,
      disposition: "answered",
      rawDisposition: "answered",
      recordingState: "none",
      recordingRef: null,
      recordingAnnouncedAt: null,
      recordingDueAt: null,
    });
  });

  it("a call in progress is ringing, then answered, with no end yet", () => {
    const [started, ringing101, ringing102, answered] = incomingAnsweredCall({
      providerCallId: "in-2",
      startedAt: T0,
      clientPhone: CLIENT,
    });
    const ringing = fold([started!, ringing101!, ringing102!]);
    expect(ringing).toMatchObject({
      state: "ringing",
      extension: "102",
      answeredAt: null,
      endedAt: null,
      waitSeconds: null,
      talkSeconds: null,
    });
    expect(fold([started!, ringing101!, answered!])).toMatchObject({
      state: "answered",
      extension: "101",
      waitSeconds: 8,
      talkSeconds: null,
      endedAt: null,
    });
  });

  it("a missed call: the last rung extension (ties by extension), wait until the end, no talk", () => {
    const folded = fold(
      incomingMissedCall({
        providerCallId: "in-3",
        startedAt: T0,
        clientPhone: CLIENT,
        ringSeconds: 20,
      }),
    );
    expect(folded).toMatchObject({
      state: "ended",
      disposition: "no_answer",
      rawDisposition: "no answer",
      extension: "102",
      membershipId: "mbr_102",
      answeredAt: null,
      endedAt: secondsAfter(T0, 20),
      waitSeconds: 20,
      talkSeconds: 0,
      recordingState: "none",
    });
  });

  it("a busy call ends when its END's duration says, counted from the start", () => {
    const common = { callStartedAt: T0, clientPhone: CLIENT };
    const folded = fold([
      callEvent("in-4", "started", { ...common, at: T0 }),
      callEvent("in-4", "ringing", { ...common, at: secondsAfter(T0, 1), extension: "101" }),
      callEvent("in-4", "ended", {
        ...common,
        at: secondsAfter(T0, 4),
        durationSeconds: 2,
        disposition: "busy",
        rawDisposition: "busy",
      }),
    ]);
    expect(folded).toMatchObject({
      disposition: "busy",
      extension: "101",
      endedAt: secondsAfter(T0, 2),
      waitSeconds: 2,
      talkSeconds: 0,
    });
  });

  it("an ANSWER that reached us after the END's end keeps that end: the answer is pulled back to it", () => {
    const [started, ringing, , answered, ended] = incomingAnsweredCall({
      providerCallId: "in-late",
      startedAt: T0,
      clientPhone: CLIENT,
      waitSeconds: 8,
      talkSeconds: 20,
    });
    // Held back and sent after the hang-up (a retry, or the emulator's reorder fault): received 30 s after the end.
    const late = { ...answered!, at: secondsAfter(T0, 58) };
    expect(fold([started!, ringing!, late, ended!])).toMatchObject({
      state: "ended",
      disposition: "answered",
      endedAt: secondsAfter(T0, 28),
      answeredAt: secondsAfter(T0, 28),
      waitSeconds: 28,
      talkSeconds: 0,
    });
  });

  it("a transferred call belongs to the last extension that answered; the wait ends at the first answer", () => {
    const common = { callStartedAt: T0, clientPhone: CLIENT };
    const folded = fold([
      callEvent("in-5", "started", { ...common, at: T0 }),
      callEvent("in-5", "ringing", { ...common, at: secondsAfter(T0, 1), extension: "101" }),
      callEvent("in-5", "answered", { ...common, at: secondsAfter(T0, 5), extension: "101" }),
      callEvent("in-5", "ringing", { ...common, at: secondsAfter(T0, 30), extension: "102" }),
      callEvent("in-5", "answered", { ...common, at: secondsAfter(T0, 35), extension: "102" }),
      callEvent("in-5", "ended", {
        ...common,
        at: secondsAfter(T0, 96),
        extension: "102",
        durationSeconds: 95,
        disposition: "answered",
        rawDisposition: "answered",
      }),
    ]);
    expect(folded).toMatchObject({
      extension: "102",
      membershipId: "mbr_102",
      answeredAt: secondsAfter(T0, 5),
      endedAt: secondsAfter(T0, 95),
      waitSeconds: 5,
      talkSeconds: 90,
    });
  });

  it("a transferred call stays with the extension the END names when the two answers arrive out of order", () => {
    const common = { callStartedAt: T0, clientPhone: CLIENT };
    const folded = fold([
      callEvent("in-6", "started", { ...common, at: T0 }),
      // Received in the wrong order: 102's answer reached us before 101's.
      callEvent("in-6", "answered", { ...common, at: secondsAfter(T0, 5), extension: "102" }),
      callEvent("in-6", "answered", { ...common, at: secondsAfter(T0, 36), extension: "101" }),
      callEvent("in-6", "ended", {
        ...common,
        at: secondsAfter(T0, 96),
        extension: "102",
        durationSeconds: 95,
        disposition: "answered",
        rawDisposition: "answered",
      }),
    ]);
    expect(folded).toMatchObject({ extension: "102", membershipId: "mbr_102" });
  });

  it("an outgoing callback: the dialling extension; its answer and talk time unknown until the statistics tell the talk", () => {
    const events = outgoingAnsweredCall({
      providerCallId: "out-1",
      startedAt: T0,
      clientPhone: CLIENT,
      extension: "101",
      waitSeconds: 12,
      talkSeconds: 40,
    });
    expect(fold(events)).toMatchObject({
      direction: "outgoing",
      state: "ended",
      extension: "101",
      membershipId: "mbr_101",
      clientPhone: CLIENT,
      startedAt: T0,
      answeredAt: null,
      endedAt: secondsAfter(T0, 52),
      waitSeconds: null,
      talkSeconds: null,
      disposition: "answered",
    });
    const row = callEvent("out-1", "summary", {
      direction: "outgoing",
      callStartedAt: T0,
      at: T0,
      clientPhone: CLIENT,
      extension: "101",
      durationSeconds: 40,
      disposition: "answered",
    });
    expect(fold([...events, row])).toMatchObject({
      answeredAt: secondsAfter(T0, 12),
      endedAt: secondsAfter(T0, 52),
      waitSeconds: 12,
      talkSeconds: 40,
    });
  });

  it("a recording announcement does not turn an outgoing call into an incoming one", () => {
    const events = outgoingAnsweredCall({
      providerCallId: "out-2",
      startedAt: T0,
      clientPhone: CLIENT,
    });
    const announced = callEvent("out-2", "recording_ready", {
      at: secondsAfter(T0, 60),
      recordingRef: "rec-out-2",
      direction: "incoming",
    });
    expect(fold([...events, announced])).toMatchObject({
      direction: "outgoing",
      recordingState: "pending",
      recordingRef: "rec-out-2",
    });
  });

  it("a recording announced before the END: the call is over, the recording due at once; the END then fills the rest", () => {
    const events = incomingAnsweredCall({
      providerCallId: "in-6",
      startedAt: T0,
      clientPhone: CLIENT,
      recordingRef: "rec-6",
    });
    const withoutEnd = events.filter((event) => event.kind !== "ended");
    const announced = events.find((event) => event.kind === "recording_ready")!;
    expect(fold(withoutEnd)).toMatchObject({
      state: "ended",
      endedAt: null,
      disposition: null,
      recordingState: "pending",
      recordingRef: "rec-6",
      recordingDueAt: announced.at,
      recordingAnnouncedAt: announced.at,
    });
    expect(fold(events)).toMatchObject({
      state: "ended",
      endedAt: secondsAfter(T0, 73),
      disposition: "answered",
      recordingState: "pending",
      recordingDueAt: announced.at,
    });
  });

  it("an END with is_recorded and no announcement: the recording is due 40 s after the end", () => {
    const events = incomingAnsweredCall({
      providerCallId: "in-7",
      startedAt: T0,
      clientPhone: CLIENT,
      recordingRef: "rec-7",
    }).filter((event) => event.kind !== "recording_ready");
    expect(fold(events)).toMatchObject({
      recordingState: "pending",
      recordingRef: "rec-7",
      recordingDueAt: secondsAfter(T0, 73 + 40),
    });
  });

  it("keeps the fetcher's ready and unavailable whatever the events say", () => {
    const events = incomingAnsweredCall({
      providerCallId: "in-8",
      startedAt: T0,
      clientPhone: CLIENT,
    });
    expect(fold(events, "unavailable")).toMatchObject({
      recordingState: "unavailable",
      recordingDueAt: null,
    });
    expect(fold(events, "ready")).toMatchObject({ recordingState: "ready", recordingDueAt: null });
    expect(fold(events, "pending").recordingState).toBe("pending");
  });

  it("where an END and a statistics summary disagree, the END wins; the summary fills what the END lacks", () => {
    const common = { callStartedAt: T0, clientPhone: CLIENT };
    const end = callEvent("in-9", "ended", {
      ...common,
      at: secondsAfter(T0, 21),
      durationSeconds: 20,
      disposition: "no_answer",
      rawDisposition: "no answer",
    });
    const summary = callEvent("in-9", "summary", {
      ...common,
      at: T0,
      durationSeconds: 0,
      disposition: "failed",
      rawDisposition: "call failed",
      isRecorded: true,
      recordingRef: "rec-9",
      companyNumber: "+74950000001",
    });
    expect(fold([summary, end])).toMatchObject({
      disposition: "no_answer",
      rawDisposition: "no answer",
      endedAt: secondsAfter(T0, 20),
      waitSeconds: 20,
      recordingRef: "rec-9",
      companyNumber: "+74950000001",
    });
    // Statistics alone: the end is the start plus the talk (none), how long it rang is unknown.
    expect(fold([summary])).toMatchObject({
      state: "ended",
      disposition: "failed",
      endedAt: T0,
      waitSeconds: null,
      talkSeconds: 0,
    });
  });

  it("a call known only from statistics: the answered leg speaks for it; its talk is known, its answer time and wait are not", () => {
    const common = { callStartedAt: T0, at: T0, clientPhone: CLIENT };
    const legs = [
      callEvent("in-10", "summary", {
        ...common,
        eventKey: "zadarma:in-10:statistics:1",
        extension: "101",
        durationSeconds: 0,
        disposition: "no_answer",
      }),
      callEvent("in-10", "summary", {
        ...common,
        eventKey: "zadarma:in-10:statistics:2",
        extension: "102",
        durationSeconds: 42,
        disposition: "answered",
        isRecorded: true,
        recordingRef: "2",
      }),
      callEvent("in-10", "summary", {
        ...common,
        eventKey: "zadarma:in-10:statistics:3",
        extension: "103",
        durationSeconds: 0,
        disposition: "cancelled",
      }),
    ];
    expect(fold(legs)).toMatchObject({
      disposition: "answered",
      extension: "102",
      answeredAt: null,
      endedAt: secondsAfter(T0, 42),
      waitSeconds: null,
      talkSeconds: 42,
      recordingRef: "2",
      recordingState: "pending",
    });
  });

  it("without any call_start, the call starts at its earliest event", () => {
    const folded = fold([
      callEvent("in-11", "ringing", {
        at: secondsAfter(T0, 2),
        extension: "101",
        clientPhone: CLIENT,
      }),
      callEvent("in-11", "started", { at: secondsAfter(T0, 1), clientPhone: CLIENT }),
    ]);
    expect(folded.startedAt).toEqual(secondsAfter(T0, 1));
  });

  it("refuses an empty list", () => {
    expect(() => fold([])).toThrow(/at least one event/);
  });
});

/** A valid call as a provider would report it: one of the scenarios, with generated times and parties. */
const arbitraryCall: fc.Arbitrary<TCallEvent[]> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom("a", "b", "1", "2") }),
    startOffset: fc.integer({ min: 0, max: 86_400 }),
    phone: fc.constantFrom("+79990000001", "+79990000002", "anonymous"),
    rung: fc.uniqueArray(fc.constantFrom("100", "101", "102", "103"), {
      minLength: 0,
      maxLength: 3,
    }),
    ringDelays: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
    answerers: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
    wait: fc.integer({ min: 0, max: 60 }),
    talk: fc.integer({ min: 0, max: 600 }),
    receiptLag: fc.integer({ min: 0, max: 3 }),
    disposition: fc.constantFrom<TCallDisposition>("no_answer", "busy", "cancelled", "failed"),
    isOutgoing: fc.boolean(),
    hasIvr: fc.boolean(),
    hasEnd: fc.boolean(),
    hasSummary: fc.boolean(),
    recordingRef: fc.option(fc.constantFrom("rec-a", "rec-b")),
    isAnnounced: fc.boolean(),
    // Sources that disagree: statistics spell numbers their own way, a re-sent event carries another time.
    summaryPhone: fc.option(fc.constantFrom("79990000001", "+79990000009")),
    summaryCompanyNumber: fc.option(fc.constantFrom("74950000000", "+74950000001")),
    announcedRef: fc.option(fc.constantFrom("rec-a", "rec-c")),
    resentLag: fc.option(fc.integer({ min: 1, max: 30 })),
  })
  .map((call) => {
    const startedAt = secondsAfter(T0, call.startOffset);
    const common = {
      callStartedAt: startedAt,
      clientPhone: call.phone,
      companyNumber: "+74950000000",
    };
    const events: TCallEvent[] = [];
    const answerers = call.isOutgoing
      ? []
      : [
          ...new Set(
            call.answerers
              .map((index) => call.rung[index])
              .filter((extension) => extension !== undefined),
          ),
        ];
    const isAnswered = call.isOutgoing ? call.disposition === "busy" : answerers.length > 0;
    const disposition = isAnswered ? "answered" : call.disposition;
    // An END's duration runs from the start to the hang-up; a statistics leg's is its talk time.
    const duration = isAnswered ? call.wait + call.talk : call.wait;
    const endAt = secondsAfter(startedAt, duration + call.receiptLag);
    const recording = { isRecorded: call.recordingRef !== null, recordingRef: call.recordingRef };
    const finalFields = {
      ...common,
      ...recording,
      durationSeconds: duration,
      disposition,
      rawDisposition: disposition,
    };
    if (call.isOutgoing) {
      const outgoing = { ...common, direction: "outgoing" as const, extension: "101" };
      events.push(callEvent(call.id, "out_started", { ...outgoing, at: startedAt }));
      if (call.hasEnd)
        events.push(
          callEvent(call.id, "ended", {
            ...outgoing,
            ...finalFields,
            direction: "outgoing",
            at: endAt,
          }),
        );
    } else {
      events.push(callEvent(call.id, "started", { ...common, at: startedAt }));
      if (call.hasIvr) events.push(callEvent(call.id, "ivr", { ...common, at: startedAt }));
      call.rung.forEach((extension, index) =>
        events.push(
          callEvent(call.id, "ringing", {
            ...common,
            extension,
            at: secondsAfter(startedAt, call.ringDelays[index] ?? 0),
          }),
        ),
      );
      answerers.forEach((extension, index) =>
        events.push(
          callEvent(call.id, "answered", {
            ...common,
            extension,
            at: secondsAfter(startedAt, call.wait + index * 10),
          }),
        ),
      );
      if (call.hasEnd)
        events.push(
          callEvent(call.id, "ended", {
            ...finalFields,
            extension: answerers.at(-1) ?? null,
            at: endAt,
          }),
        );
    }
    if (call.hasSummary) {
      const legs = call.isOutgoing ? ["101"] : call.rung.length > 0 ? call.rung : ["100"];
      for (const extension of legs) {
        const isAnsweredLeg = call.isOutgoing
          ? isAnswered
          : answerers.some((answerer) => answerer === extension);
        events.push(
          callEvent(call.id, "summary", {
            ...common,
            ...(isAnsweredLeg ? recording : {}),
            direction: call.isOutgoing ? "outgoing" : "incoming",
            at: startedAt,
            extension,
            eventKey: `zadarma:${call.id}:statistics:${extension}`,
            durationSeconds: isAnsweredLeg ? call.talk : 0,
            disposition: isAnsweredLeg ? "answered" : call.disposition,
            rawDisposition: `${isAnsweredLeg ? "answered" : call.disposition}!`,
            clientPhone: call.summaryPhone ?? call.phone,
            companyNumber: call.summaryCompanyNumber ?? common.companyNumber,
          }),
        );
      }
    }
    if (call.recordingRef && call.isAnnounced) {
      events.push(
        callEvent(call.id, "recording_ready", {
          at: secondsAfter(endAt, 4),
          recordingRef: call.announcedRef ?? call.recordingRef,
          eventKey: `zadarma:${call.id}:NOTIFY_RECORD:x`,
        }),
      );
    }
    const first = events[0];
    if (first && call.resentLag !== null)
      events.push({
        ...first,
        at: secondsAfter(first.at, call.resentLag),
        payload: { resent: "1" },
      });
    return events;
  });

/** The same events in another order, some of them several times. */
const arbitraryDelivery = (events: TCallEvent[]) =>
  fc
    .array(fc.integer({ min: 1, max: 3 }), { minLength: events.length, maxLength: events.length })
    .chain((copies) => {
      const repeated = events.flatMap((event, index) =>
        Array.from({ length: copies[index] ?? 1 }, () => ({ ...event })),
      );
      return fc.shuffledSubarray(repeated, {
        minLength: repeated.length,
        maxLength: repeated.length,
      });
    });

describe("foldCall: order and repetition never matter (R6–R8)", () => {
  it("every permutation and duplication of a call's events folds to the same call", () => {
    fc.assert(
      fc.property(
        arbitraryCall.chain((events) => fc.tuple(fc.constant(events), arbitraryDelivery(events))),
        ([events, delivered]) => {
          expect(fold(delivered)).toEqual(fold(events));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("as events arrive one by one in any order, the state never moves back and the recording never leaves pending", () => {
    fc.assert(
      fc.property(
        arbitraryCall.chain((events) => arbitraryDelivery(events)),
        (delivered) => {
          let state: TCallState = "ringing";
          let wasPending = false;
          for (let count = 1; count <= delivered.length; count += 1) {
            const folded = fold(delivered.slice(0, count));
            expect(laterCallState(state, folded.state)).toBe(folded.state);
            if (wasPending) expect(folded.recordingState).toBe("pending");
            state = folded.state;
            wasPending = folded.recordingState === "pending";
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

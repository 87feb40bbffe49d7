import { describe, expect, it } from "vitest";

import type { TCallEvent } from "@/server/domain/calls/call-event";

import { loadNotificationForm } from "./__fixtures__/load-fixture";
import {
  identifyZadarmaNotification,
  parseZadarmaNotification,
  type TZadarmaNotificationResult,
} from "./notification";

const INCOMING = "in_5f0c1b7e9d2a4c6b8e1f3a5d7c9b0e2f4a6c8d1e";
const OUTGOING = "out_8a1c3e5f7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a";
const RECEIVED_AT = new Date("2024-05-06T07:12:00.000Z");
const CONTEXT = { timeZone: "Europe/Moscow", receivedAt: RECEIVED_AT };
/** 2024-05-06 10:11:12 Moscow time. */
const INCOMING_START = new Date("2024-05-06T07:11:12.000Z");

const parseFixture = (name: string, context = CONTEXT) =>
  parseZadarmaNotification(loadNotificationForm(name), context);

const eventOf = (result: TZadarmaNotificationResult): TCallEvent => {
  if (result.kind !== "event") throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
};

const NOTHING_ELSE = {
  durationSeconds: null,
  disposition: null,
  rawDisposition: null,
  recordingRef: null,
  isRecorded: false,
};

describe("parseZadarmaNotification: every call event", () => {
  it("NOTIFY_START → started, at the call's start", () => {
    const form = loadNotificationForm("notify-start.json");
    expect(parseZadarmaNotification(form, CONTEXT)).toEqual({
      kind: "event",
      event: {
        eventKey: `zadarma:${INCOMING}:NOTIFY_START:-`,
        providerCallId: INCOMING,
        kind: "started",
        rawType: "NOTIFY_START",
        direction: "incoming",
        at: INCOMING_START,
        callStartedAt: INCOMING_START,
        clientPhone: "+79031234501",
        companyNumber: "+74951234567",
        extension: null,
        ...NOTHING_ELSE,
        payload: form,
      },
    });
  });

  it("NOTIFY_IVR → ivr, at the time we received it", () => {
    expect(eventOf(parseFixture("notify-ivr.json"))).toMatchObject({
      eventKey: `zadarma:${INCOMING}:NOTIFY_IVR:-`,
      kind: "ivr",
      direction: "incoming",
      at: RECEIVED_AT,
      callStartedAt: INCOMING_START,
      clientPhone: "+79031234501",
      companyNumber: "+74951234567",
      extension: null,
      ...NOTHING_ELSE,
    });
  });

  it("NOTIFY_INTERNAL → ringing on the extension", () => {
    expect(eventOf(parseFixture("notify-internal.json"))).toMatchObject({
      eventKey: `zadarma:${INCOMING}:NOTIFY_INTERNAL:101`,
      kind: "ringing",
      direction: "incoming",
      at: RECEIVED_AT,
      callStartedAt: INCOMING_START,
      clientPhone: "+79031234501",
      extension: "101",
      ...NOTHING_ELSE,
    });
  });

  it("NOTIFY_ANSWER → answered by `internal`; `destination`, the number called, is the company number", () => {
    expect(eventOf(parseFixture("notify-answer.json"))).toMatchObject({
      eventKey: `zadarma:${INCOMING}:NOTIFY_ANSWER:101`,
      kind: "answered",
      direction: "incoming",
      at: RECEIVED_AT,
      clientPhone: "+79031234501",
      companyNumber: "+74951234567",
      extension: "101",
    });
  });

  it("NOTIFY_ANSWER without `internal` takes the extension from a short destination", () => {
    const { internal: _internal, ...withoutInternal } = loadNotificationForm("notify-answer.json");
    expect(
      eventOf(parseZadarmaNotification({ ...withoutInternal, destination: "102" }, CONTEXT)),
    ).toMatchObject({
      eventKey: `zadarma:${INCOMING}:NOTIFY_ANSWER:-`,
      companyNumber: null,
      extension: "102",
    });
    expect(eventOf(parseZadarmaNotification(withoutInternal, CONTEXT))).toMatchObject({
      companyNumber: "+74951234567",
      extension: null,
    });
  });

  it("NOTIFY_END (answered, recorded) → ended with duration, disposition and recording", () => {
    expect(eventOf(parseFixture("notify-end.json"))).toMatchObject({
      eventKey: `zadarma:${INCOMING}:NOTIFY_END:101`,
      kind: "ended",
      direction: "incoming",
      at: RECEIVED_AT,
      callStartedAt: INCOMING_START,
      clientPhone: "+79031234501",
      companyNumber: "+74951234567",
      extension: "101",
      durationSeconds: 95,
      disposition: "answered",
      rawDisposition: "answered",
      recordingRef: "1715000000.123456",
      isRecorded: true,
    });
  });

  it("NOTIFY_END (missed) → ended, no_answer, no extension, no recording; the 8-prefixed caller becomes +7", () => {
    expect(eventOf(parseFixture("notify-end-missed.json"))).toMatchObject({
      eventKey: "zadarma:in_0a1b2c:NOTIFY_END:-",
      kind: "ended",
      clientPhone: "+79031234502",
      extension: null,
      durationSeconds: 0,
      disposition: "no_answer",
      rawDisposition: "no answer",
      recordingRef: null,
      isRecorded: false,
    });
  });

  it("NOTIFY_OUT_START → out_started: the client is the destination, the extension is internal", () => {
    expect(eventOf(parseFixture("notify-out-start.json"))).toMatchObject({
      eventKey: `zadarma:${OUTGOING}:NOTIFY_OUT_START:102`,
      kind: "out_started",
      direction: "outgoing",
      at: new Date("2024-05-06T08:00:05.000Z"),
      callStartedAt: new Date("2024-05-06T08:00:05.000Z"),
      clientPhone: "+79031234503",
      companyNumber: null,
      extension: "102",
      ...NOTHING_ELSE,
    });
  });

  it("NOTIFY_OUT_END → ended outgoing; caller_id is the company number shown", () => {
    expect(eventOf(parseFixture("notify-out-end.json"))).toMatchObject({
      eventKey: `zadarma:${OUTGOING}:NOTIFY_OUT_END:102`,
      kind: "ended",
      direction: "outgoing",
      at: RECEIVED_AT,
      clientPhone: "+79031234503",
      companyNumber: "+74951234567",
      extension: "102",
      durationSeconds: 42,
      disposition: "busy",
      rawDisposition: "busy",
      recordingRef: null,
      isRecorded: false,
    });
  });

  it("NOTIFY_RECORD → recording_ready keyed by the recording; direction from the pbx_call_id prefix", () => {
    expect(eventOf(parseFixture("notify-record.json"))).toMatchObject({
      eventKey: `zadarma:${INCOMING}:NOTIFY_RECORD:1715000000.123456`,
      kind: "recording_ready",
      direction: "incoming",
      at: RECEIVED_AT,
      callStartedAt: null,
      clientPhone: null,
      extension: null,
      recordingRef: "1715000000.123456",
      isRecorded: true,
    });
    expect(eventOf(parseFixture("notify-record-outgoing.json"))).toMatchObject({
      eventKey: `zadarma:${OUTGOING}:NOTIFY_RECORD:1715003605.654321`,
      direction: "outgoing",
    });
  });

  it("keeps the whole form as the payload", () => {
    const form = loadNotificationForm("notify-end.json");
    expect(eventOf(parseZadarmaNotification(form, CONTEXT)).payload).toEqual(form);
  });

  it("reads call_start in the account's zone, DST included", () => {
    const summer = eventOf(
      parseFixture("notify-start.json", { timeZone: "Europe/Berlin", receivedAt: RECEIVED_AT }),
    );
    expect(summer.callStartedAt?.toISOString()).toBe("2024-05-06T08:11:12.000Z");
    const winter = {
      ...loadNotificationForm("notify-start.json"),
      call_start: "2024-01-06 10:11:12",
    };
    const winterEvent = eventOf(
      parseZadarmaNotification(winter, { timeZone: "Europe/Berlin", receivedAt: RECEIVED_AT }),
    );
    expect(winterEvent.callStartedAt?.toISOString()).toBe("2024-01-06T09:11:12.000Z");
  });

  it("keeps an anonymous caller as given and a hidden one as null", () => {
    const start = loadNotificationForm("notify-start.json");
    expect(
      eventOf(parseZadarmaNotification({ ...start, caller_id: "anonymous" }, CONTEXT)).clientPhone,
    ).toBe("anonymous");
    expect(
      eventOf(parseZadarmaNotification({ ...start, caller_id: "" }, CONTEXT)).clientPhone,
    ).toBeNull();
  });

  it("gives a duplicate the same key, and different legs different keys", () => {
    const first = eventOf(parseFixture("notify-internal.json"));
    expect(eventOf(parseFixture("notify-internal.json")).eventKey).toBe(first.eventKey);
    const otherLeg = eventOf(
      parseZadarmaNotification(
        { ...loadNotificationForm("notify-internal.json"), internal: "102" },
        CONTEXT,
      ),
    );
    expect(otherLeg.eventKey).not.toBe(first.eventKey);
  });
});

describe("parseZadarmaNotification: events we ignore", () => {
  it.each(["notify-sms.json"])("ignores %s", (name) => {
    expect(parseFixture(name)).toEqual({ kind: "ignored", event: "SMS" });
  });

  it("ignores SPEECH_RECOGNITION and unknown events", () => {
    expect(parseZadarmaNotification({ event: "SPEECH_RECOGNITION" }, CONTEXT)).toEqual({
      kind: "ignored",
      event: "SPEECH_RECOGNITION",
    });
    const unknown = parseZadarmaNotification({ event: "NOTIFY_SOMETHING_NEW" }, CONTEXT);
    expect(unknown).toEqual({ kind: "ignored", event: "NOTIFY_SOMETHING_NEW" });
  });
});

describe("parseZadarmaNotification: invalid forms name the field", () => {
  const without = (name: string, field: string): Record<string, string> => {
    const { [field]: _removed, ...rest } = loadNotificationForm(name);
    return rest;
  };

  it.each([
    ["notify-start.json", "pbx_call_id"],
    ["notify-start.json", "call_start"],
    ["notify-start.json", "caller_id"],
    ["notify-start.json", "called_did"],
    ["notify-internal.json", "internal"],
    ["notify-answer.json", "destination"],
    ["notify-end.json", "duration"],
    ["notify-end.json", "disposition"],
    ["notify-out-start.json", "internal"],
    ["notify-out-start.json", "destination"],
    ["notify-out-end.json", "disposition"],
    ["notify-record.json", "call_id_with_rec"],
    ["notify-record.json", "pbx_call_id"],
  ])("%s without %s", (name, field) => {
    expect(parseZadarmaNotification(without(name, field), CONTEXT)).toMatchObject({
      kind: "invalid",
      field,
    });
  });

  it("a form without an event", () => {
    expect(parseZadarmaNotification({ pbx_call_id: "in_1" }, CONTEXT)).toMatchObject({
      kind: "invalid",
      field: "event",
    });
  });

  it("an empty pbx_call_id", () => {
    expect(
      parseZadarmaNotification(
        { ...loadNotificationForm("notify-end.json"), pbx_call_id: " " },
        CONTEXT,
      ),
    ).toMatchObject({
      kind: "invalid",
      field: "pbx_call_id",
    });
  });

  it.each(["2024-05-06T10:11:12", "06.05.2024 10:11:12", "2024-02-30 10:11:12"])(
    "an unreadable call_start %j",
    (callStart) => {
      const result = parseZadarmaNotification(
        { ...loadNotificationForm("notify-end.json"), call_start: callStart },
        CONTEXT,
      );
      expect(result).toMatchObject({ kind: "invalid", field: "call_start" });
    },
  );

  it.each(["-1", "1.5", "abc"])("a duration of %j", (duration) => {
    const result = parseZadarmaNotification(
      { ...loadNotificationForm("notify-end.json"), duration },
      CONTEXT,
    );
    expect(result).toMatchObject({ kind: "invalid", field: "duration" });
  });
});

describe("identifyZadarmaNotification: what the receiver stores a notification by", () => {
  const FIXTURES = [
    "notify-start.json",
    "notify-ivr.json",
    "notify-internal.json",
    "notify-answer.json",
    "notify-end.json",
    "notify-end-missed.json",
    "notify-out-start.json",
    "notify-out-end.json",
    "notify-record.json",
    "notify-record-outgoing.json",
    "notify-sms.json",
  ];

  it.each(FIXTURES)("%s: the full parse's key and call, or its verdict", (name) => {
    const form = loadNotificationForm(name);
    const parsed = parseZadarmaNotification(form, CONTEXT);
    const expected =
      parsed.kind === "event"
        ? {
            kind: "event",
            rawType: parsed.event.rawType,
            eventKey: parsed.event.eventKey,
            providerCallId: parsed.event.providerCallId,
          }
        : parsed;
    expect(identifyZadarmaNotification(form)).toEqual(expected);
  });

  it.each([
    [{ pbx_call_id: "in_1" }, "event"],
    [
      { ...loadNotificationForm("notify-start.json"), call_start: "2024-02-30 10:11:12" },
      "call_start",
    ],
    [{ ...loadNotificationForm("notify-end.json"), duration: "1.5" }, "duration"],
    [{ ...loadNotificationForm("notify-internal.json"), internal: "" }, "internal"],
  ])("an invalid form names the same field as the full parse (%#)", (form, field) => {
    expect(identifyZadarmaNotification(form)).toEqual(parseZadarmaNotification(form, CONTEXT));
    expect(identifyZadarmaNotification(form)).toMatchObject({ kind: "invalid", field });
  });
});

import type { TCallEvent, TCallEventKind } from "@/server/domain/calls/call-event";

import { normalizeZadarmaDisposition } from "./disposition";
import { parseZadarmaLocalTime } from "./local-time";
import { isPbxExtension, toCallPhone } from "./phone";

/** The call notifications we translate (docs/telephony-zadarma.md, "Notifications"). */
export type TZadarmaCallEventName =
  | "NOTIFY_START"
  | "NOTIFY_IVR"
  | "NOTIFY_INTERNAL"
  | "NOTIFY_ANSWER"
  | "NOTIFY_END"
  | "NOTIFY_OUT_START"
  | "NOTIFY_OUT_END"
  | "NOTIFY_RECORD";

export type TZadarmaNotificationResult =
  | { kind: "event"; event: TCallEvent }
  | { kind: "ignored"; event: string }
  | { kind: "invalid"; field: string; message: string };

export type TZadarmaNotificationContext = {
  /** The account's IANA zone (from `info/timezone` or the tenant's setting): `call_start` is on its clock. */
  timeZone: string;
  receivedAt: Date;
};

type TEventSpec = {
  kind: TCallEventKind;
  /** Fields that must be present and non-empty. */
  required: readonly string[];
  /** Fields that must be present but may be empty (a hidden caller sends an empty `caller_id`). */
  present: readonly string[];
  /** `at` is `call_start`: the event is the call's start itself. */
  isAtCallStart?: boolean;
};

const EVENT_SPECS: Readonly<Record<TZadarmaCallEventName, TEventSpec>> = {
  NOTIFY_START: {
    kind: "started",
    required: ["pbx_call_id", "call_start"],
    present: ["caller_id", "called_did"],
    isAtCallStart: true,
  },
  NOTIFY_IVR: {
    kind: "ivr",
    required: ["pbx_call_id", "call_start"],
    present: ["caller_id", "called_did"],
  },
  NOTIFY_INTERNAL: {
    kind: "ringing",
    required: ["pbx_call_id", "call_start", "internal"],
    present: ["caller_id", "called_did"],
  },
  NOTIFY_ANSWER: {
    kind: "answered",
    required: ["pbx_call_id", "call_start"],
    present: ["caller_id", "destination"],
  },
  NOTIFY_END: {
    kind: "ended",
    required: ["pbx_call_id", "call_start", "duration", "disposition"],
    present: ["caller_id", "called_did"],
  },
  NOTIFY_OUT_START: {
    kind: "out_started",
    required: ["pbx_call_id", "call_start", "internal", "destination"],
    present: [],
    isAtCallStart: true,
  },
  NOTIFY_OUT_END: {
    kind: "ended",
    required: ["pbx_call_id", "call_start", "internal", "destination", "duration", "disposition"],
    present: [],
  },
  NOTIFY_RECORD: {
    kind: "recording_ready",
    required: ["pbx_call_id", "call_id_with_rec"],
    present: [],
  },
};

const isCallEventName = (event: string): event is TZadarmaCallEventName =>
  Object.hasOwn(EVENT_SPECS, event);

const OUTGOING_CALL_ID_PREFIX = "out_";

/**
 * In or out from the `pbx_call_id` alone: Zadarma's ids start `out_` for outgoing calls and `in_`
 * for incoming ones; anything else counts as incoming. For NOTIFY_RECORD and statistics rows,
 * which carry no event family.
 */
export const directionFromPbxCallId = (pbxCallId: string): TCallEvent["direction"] =>
  pbxCallId.startsWith(OUTGOING_CALL_ID_PREFIX) ? "outgoing" : "incoming";

/** In or out: the event family says it (`NOTIFY_OUT_*` are outgoing), except for NOTIFY_RECORD. */
const directionOf = (event: TZadarmaCallEventName, pbxCallId: string): TCallEvent["direction"] => {
  if (event === "NOTIFY_RECORD") return directionFromPbxCallId(pbxCallId);
  return event.startsWith("NOTIFY_OUT_") ? "outgoing" : "incoming";
};

const nonEmpty = (value: string | undefined): string | null =>
  value === undefined || value.trim() === "" ? null : value.trim();

type TInvalidNotification = Extract<TZadarmaNotificationResult, { kind: "invalid" }>;

const invalid = (field: string, message: string): TInvalidNotification => ({
  kind: "invalid",
  field,
  message,
});

/** Who the outside party is, which company number is involved and which extension, per event. */
const describeParties = (event: TZadarmaCallEventName, form: Record<string, string>) => {
  switch (event) {
    case "NOTIFY_OUT_START":
    case "NOTIFY_OUT_END":
      // Outgoing: the client is the destination; `caller_id` (END only) is the number shown to them.
      return {
        clientPhone: toCallPhone(form.destination),
        companyNumber: toCallPhone(form.caller_id),
        extension: nonEmpty(form.internal),
      };
    case "NOTIFY_RECORD":
      return { clientPhone: null, companyNumber: null, extension: null };
    case "NOTIFY_ANSWER": {
      // The official library calls `destination` "the phone number that was called" (the company
      // number); read as an extension only when it is one and `internal` is missing.
      const destination = nonEmpty(form.destination);
      const isExtension = destination !== null && isPbxExtension(destination);
      return {
        clientPhone: toCallPhone(form.caller_id),
        companyNumber: isExtension ? null : toCallPhone(destination ?? undefined),
        extension: nonEmpty(form.internal) ?? (isExtension ? destination : null),
      };
    }
    default:
      return {
        clientPhone: toCallPhone(form.caller_id),
        companyNumber: toCallPhone(form.called_did),
        extension: nonEmpty(form.internal),
      };
  }
};

const DURATION_PATTERN = /^\d+$/;

type TCheckedNotification = {
  kind: "checked";
  event: TZadarmaCallEventName;
  spec: TEventSpec;
  pbxCallId: string;
  callStartedAt: Date | null;
  durationText: string;
  recordingRef: string | null;
  eventKey: string;
};

/**
 * The checks every call notification passes (required fields, `call_start` and `duration`
 * readable) and its idempotency key; `call_start` is read on the clocks of `timeZone`.
 */
function checkNotification(
  form: Record<string, string>,
  timeZone: string,
): TCheckedNotification | Exclude<TZadarmaNotificationResult, { kind: "event" }> {
  const event = form.event;
  if (event === undefined || event === "") return invalid("event", "the form has no event");
  if (!isCallEventName(event)) return { kind: "ignored", event };
  const spec = EVENT_SPECS[event];
  const missingRequired = spec.required.find((field) => nonEmpty(form[field]) === null);
  if (missingRequired !== undefined)
    return invalid(missingRequired, `${event} needs a non-empty ${missingRequired}`);
  const missingPresent = spec.present.find((field) => form[field] === undefined);
  if (missingPresent !== undefined)
    return invalid(missingPresent, `${event} needs the field ${missingPresent}`);

  const pbxCallId = (form.pbx_call_id ?? "").trim();
  let callStartedAt: Date | null = null;
  if (form.call_start !== undefined && event !== "NOTIFY_RECORD") {
    callStartedAt = parseZadarmaLocalTime(form.call_start.trim(), timeZone);
    if (callStartedAt === null)
      return invalid(
        "call_start",
        `call_start must be YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(form.call_start)}`,
      );
  }
  const durationText = (form.duration ?? "").trim();
  if (spec.kind === "ended" && !DURATION_PATTERN.test(durationText)) {
    return invalid(
      "duration",
      `duration must be whole seconds, got ${JSON.stringify(form.duration)}`,
    );
  }
  const recordingRef =
    spec.kind === "ended" || event === "NOTIFY_RECORD" ? nonEmpty(form.call_id_with_rec) : null;
  const legKey =
    event === "NOTIFY_RECORD" ? (recordingRef ?? "-") : (nonEmpty(form.internal) ?? "-");
  return {
    kind: "checked",
    event,
    spec,
    pbxCallId,
    callStartedAt,
    durationText,
    recordingRef,
    eventKey: `zadarma:${pbxCallId}:${event}:${legKey}`,
  };
}

export type TZadarmaNotificationIdentity =
  | { kind: "event"; rawType: TZadarmaCallEventName; eventKey: string; providerCallId: string }
  | Exclude<TZadarmaNotificationResult, { kind: "event" }>;

/**
 * What the receiver needs before it stores a notification: whether it is a call event we handle,
 * invalid (and which field), and its idempotency key and call. The same checks as
 * {@link parseZadarmaNotification}, without reading phone numbers or the account's time zone (the
 * worker parses the stored form in full): under load that reading cost the receiver about as much
 * CPU as verifying the signature and storing the row (`npm run bench:calls`).
 */
export const identifyZadarmaNotification = (
  form: Record<string, string>,
): TZadarmaNotificationIdentity => {
  // A wall clock valid in UTC is valid in any zone: only its shape and calendar are checked here.
  const checked = checkNotification(form, "UTC");
  return checked.kind === "checked"
    ? {
        kind: "event",
        rawType: checked.event,
        eventKey: checked.eventKey,
        providerCallId: checked.pbxCallId,
      }
    : checked;
};

/**
 * Translates a verified Zadarma notification form into the neutral {@link TCallEvent}
 * (docs/telephony-zadarma.md, "Notifications" and "From notifications to call events").
 *
 * Events other than the eight call notifications are `ignored`. A call notification missing a
 * field it needs, or with an unreadable `call_start` or `duration`, is `invalid` and names the
 * field. Verify the signature first ({@link verifyNotificationSignature}); this function trusts it.
 */
export const parseZadarmaNotification = (
  form: Record<string, string>,
  context: TZadarmaNotificationContext,
): TZadarmaNotificationResult => {
  const checked = checkNotification(form, context.timeZone);
  if (checked.kind !== "checked") return checked;
  const { event, spec, pbxCallId, callStartedAt, durationText, recordingRef, eventKey } = checked;
  const isEnd = spec.kind === "ended";
  const rawDisposition = isEnd ? (form.disposition ?? "").trim() : null;

  return {
    kind: "event",
    event: {
      eventKey,
      providerCallId: pbxCallId,
      kind: spec.kind,
      rawType: event,
      direction: directionOf(event, pbxCallId),
      at:
        spec.isAtCallStart === true && callStartedAt !== null ? callStartedAt : context.receivedAt,
      callStartedAt,
      ...describeParties(event, form),
      durationSeconds: isEnd ? Number(durationText) : null,
      disposition: rawDisposition === null ? null : normalizeZadarmaDisposition(rawDisposition),
      rawDisposition,
      recordingRef,
      // NOTIFY_RECORD is itself the news that a recording exists.
      isRecorded: event === "NOTIFY_RECORD" || (isEnd && (form.is_recorded ?? "").trim() === "1"),
      payload: { ...form },
    },
  };
};

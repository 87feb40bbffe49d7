import type { TCallEvent, TCallEventKind } from "@/server/domain/calls/call-event";
import { isPbxExtension, toCallPhone } from "@/server/domain/calls/call-phone";

import { isRecord, toText as text } from "./coerce";
import { normalizeMangoDisposition } from "./disposition";

/** The event paths we translate (docs/telephony-mango.md §7); Mango appends them to our base URL. */
export type TMangoEventPath =
  "events/call" | "events/summary" | "events/recording" | "events/record/added" | "result/callback";

const HANDLED_PATHS: ReadonlySet<string> = new Set<TMangoEventPath>([
  "events/call",
  "events/summary",
  "events/recording",
  "events/record/added",
  "result/callback",
]);

/** Where the inbox files a `result/callback`: it belongs to a click, not to a call. */
export const MANGO_CALLBACK_RESULT_PREFIX = "mango-command:";

export type TMangoEventIdentity =
  | { kind: "event"; eventKey: string; providerCallId: string; path: TMangoEventPath }
  | { kind: "ignored"; path: string }
  | { kind: "invalid"; field: string; message: string };

export type TMangoEventResult =
  | { kind: "event"; event: TCallEvent }
  /** `result/callback`: the outcome of our `commands/callback` (1000 = success). */
  | { kind: "callback_result"; commandId: string; result: number }
  /** An `events/recording` that is not the file being ready: kept in the inbox, no call event. */
  | { kind: "ignored"; path: string }
  | { kind: "invalid"; field: string; message: string };

type TJson = Record<string, unknown>;

/** A whole number from a number or a string of digits; null otherwise. */
const integer = (value: unknown): number | null => {
  const raw = text(value);
  return /^-?\d+$/.test(raw) ? Number(raw) : null;
};

const objectAt = (json: TJson, key: string): TJson => {
  const value = json[key];
  return isRecord(value) ? value : {};
};

/** Unix seconds → Date; null for a missing or non-positive value. */
const unixTime = (value: unknown): Date | null => {
  const seconds = integer(value);
  return seconds === null || seconds <= 0 ? null : new Date(seconds * 1000);
};

/** The event's fields for the timeline: scalars as text, one level of objects as `from.number`. */
const flatten = (json: TJson): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(json)) {
    if (isRecord(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        const innerText = text(innerValue);
        if (innerText !== "") fields[`${key}.${inner}`] = innerText;
      }
    } else {
      const valueText = typeof value === "boolean" ? String(value) : text(value);
      if (valueText !== "") fields[key] = valueText;
    }
  }
  return fields;
};

/** The raw `json` field as an object; null when it is not a JSON object. */
export const parseMangoJson = (rawJson: string): TJson | null => {
  try {
    const value: unknown = JSON.parse(rawJson);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
};

const invalid = (field: string, message: string) => ({ kind: "invalid" as const, field, message });

const required = (
  json: TJson,
  field: string,
): string | { kind: "invalid"; field: string; message: string } => {
  const value = text(json[field]);
  return value === "" ? invalid(field, "is required") : value;
};

/**
 * The event's idempotency key and call (docs/telephony-mango.md §7.6), without reading the rest:
 * what the receiver needs to file it in the inbox.
 */
export function identifyMangoEvent(path: string, rawJson: string): TMangoEventIdentity {
  if (!HANDLED_PATHS.has(path)) return { kind: "ignored", path };
  const eventPath = path as TMangoEventPath;
  const json = parseMangoJson(rawJson);
  if (json === null) return invalid("json", "is not a JSON object");
  const key = (parts: readonly string[], providerCallIdField: string | null) => {
    const values: string[] = [];
    for (const field of parts) {
      const value = required(json, field);
      if (typeof value !== "string") return value;
      values.push(value);
    }
    const providerCallId =
      providerCallIdField === null ? null : required(json, providerCallIdField);
    if (providerCallId !== null && typeof providerCallId !== "string") return providerCallId;
    return { values, providerCallId };
  };
  const build = (
    prefix: string,
    parts: readonly string[],
    providerCallIdField: string | null,
  ): TMangoEventIdentity => {
    const read = key(parts, providerCallIdField);
    if ("kind" in read) return read;
    const eventKey = `mango:${prefix}:${read.values.join(":")}`;
    const providerCallId =
      read.providerCallId ?? `${MANGO_CALLBACK_RESULT_PREFIX}${read.values[0]}`;
    return { kind: "event", eventKey, providerCallId, path: eventPath };
  };
  switch (eventPath) {
    case "events/call": {
      const identity = build("call", ["call_id", "seq"], "entry_id");
      if (identity.kind === "event" && integer(json.seq) === null)
        return invalid("seq", "is not a whole number");
      return identity;
    }
    case "events/summary":
      return build("summary", ["entry_id"], "entry_id");
    case "events/recording": {
      const identity = build("recording", ["recording_id", "seq"], "entry_id");
      if (identity.kind === "event" && integer(json.seq) === null)
        return invalid("seq", "is not a whole number");
      return identity;
    }
    case "events/record/added":
      return build("recadded", ["recording_id"], "entry_id");
    case "result/callback":
      return build("result", ["command_id"], null);
  }
}

/** Who the client is on a leg, from the parties and the direction. */
type TParties = Pick<TCallEvent, "direction" | "clientPhone" | "companyNumber" | "extension">;

/**
 * The parties of an `events/call` leg (docs/telephony-mango.md §7.1, ours): a leg that comes from
 * our `commands/callback`, or from an extension to an outside number, is outgoing; anything else
 * is incoming. The extension is the member's side of the leg.
 */
function legParties(json: TJson): TParties {
  const from = objectAt(json, "from");
  const to = objectAt(json, "to");
  const fromExtension = text(from.extension);
  const toExtension = text(to.extension);
  const fromNumber = text(from.number);
  const toNumber = text(to.number);
  const isOutgoing =
    text(json.command_id) !== "" ||
    (fromExtension !== "" && toExtension === "" && toNumber !== "" && !isPbxExtension(toNumber));
  if (isOutgoing) {
    return {
      direction: "outgoing",
      clientPhone: toExtension === "" ? toCallPhone(toNumber) : null,
      companyNumber: toCallPhone(text(to.line_number)) ?? toCallPhone(text(from.line_number)),
      extension: fromExtension || toExtension || null,
    };
  }
  return {
    direction: "incoming",
    clientPhone: toCallPhone(fromNumber),
    companyNumber: toCallPhone(text(to.line_number)),
    extension: toExtension || null,
  };
}

/**
 * `call_state` and `location` → the neutral kind (docs/telephony-mango.md §7.1): an extension's
 * leg appearing rings it (or dials out), connecting it answers; appearing or connecting in the
 * voice menu or a queue is the call reaching the PBX; hold and hang-up of one leg move no state
 * (other legs may still ring), the summary ends the call.
 */
function callKindOf(state: string, location: string, parties: TParties): TCallEventKind | null {
  const isAbonent = location === "abonent";
  switch (state) {
    case "Appeared":
      if (parties.direction === "outgoing") return "out_started";
      return isAbonent && parties.extension !== null ? "ringing" : "started";
    case "Connected":
      return isAbonent && parties.extension !== null ? "answered" : "ivr";
    case "OnHold":
    case "Disconnected":
      return "leg_changed";
    default:
      return null;
  }
}

const baseEvent = (
  eventKey: string,
  providerCallId: string,
  rawType: string,
  json: TJson,
  at: Date,
): Omit<TCallEvent, "kind" | keyof TParties> => ({
  eventKey,
  providerCallId,
  rawType,
  at,
  callStartedAt: null,
  durationSeconds: null,
  disposition: null,
  rawDisposition: null,
  recordingRef: null,
  isRecorded: false,
  payload: flatten(json),
});

/**
 * A Mango event as a neutral call event (docs/telephony-mango.md §7): `events/call` by state,
 * `events/summary` as the call's end, `events/record/added` as the recording being ready;
 * `events/recording` says the recording started or continued, which is only a hint
 * (`isRecorded`). `result/callback` is the outcome of a click, not a call event.
 */
export function parseMangoEvent(
  path: string,
  rawJson: string,
  context: { receivedAt: Date },
): TMangoEventResult {
  const identity = identifyMangoEvent(path, rawJson);
  if (identity.kind !== "event") return identity;
  const json = parseMangoJson(rawJson) ?? {};
  const at = unixTime(json.timestamp) ?? context.receivedAt;
  const { eventKey, providerCallId } = identity;
  switch (identity.path) {
    case "events/call": {
      const parties = legParties(json);
      const kind = callKindOf(text(json.call_state), text(json.location), parties);
      if (kind === null) return invalid("call_state", `unknown state «${text(json.call_state)}»`);
      return {
        kind: "event",
        event: {
          ...baseEvent(eventKey, providerCallId, "events/call", json, at),
          ...parties,
          kind,
        },
      };
    }
    case "events/summary":
      return summaryEvent(json, eventKey, providerCallId, context.receivedAt);
    case "events/recording": {
      const parties = legParties(json);
      return {
        kind: "event",
        event: {
          ...baseEvent(eventKey, providerCallId, "events/recording", json, at),
          ...parties,
          extension: text(json.extension) || parties.extension,
          kind: "leg_changed",
        },
      };
    }
    case "events/record/added": {
      const recordingId = text(json.recording_id);
      return {
        kind: "event",
        event: {
          ...baseEvent(eventKey, providerCallId, "events/record/added", json, at),
          direction: "incoming",
          clientPhone: null,
          companyNumber: null,
          extension: null,
          kind: "recording_ready",
          recordingRef: recordingId,
          isRecorded: true,
        },
      };
    }
    case "result/callback": {
      const result = integer(json.result);
      if (result === null) return invalid("result", "is not a whole number");
      return { kind: "callback_result", commandId: text(json.command_id), result };
    }
  }
}

/**
 * `events/summary`, the call's final record (docs/telephony-mango.md §7.2): `ended`, the
 * duration from `create_time` to `end_time`, answered ⇔ `talk_time > 0`, otherwise the class of
 * `disconnect_reason`; the raw `entry_result/disconnect_reason` kept.
 */
function summaryEvent(
  json: TJson,
  eventKey: string,
  providerCallId: string,
  receivedAt: Date,
): TMangoEventResult {
  const createdAt = unixTime(json.create_time);
  if (createdAt === null) return invalid("create_time", "is not a Unix time");
  const endedAt = unixTime(json.end_time);
  const talkTime = integer(json.talk_time) ?? 0;
  const disconnectReason = integer(json.disconnect_reason);
  const from = objectAt(json, "from");
  const to = objectAt(json, "to");
  const direction = integer(json.call_direction) === 2 ? "outgoing" : "incoming";
  const lineNumber = toCallPhone(text(json.line_number) || text(to.line_number));
  const parties: TParties =
    direction === "outgoing"
      ? {
          direction,
          clientPhone: toCallPhone(text(to.number)),
          companyNumber: lineNumber,
          extension: text(from.extension) || null,
        }
      : {
          direction,
          clientPhone: toCallPhone(text(from.number)),
          companyNumber: lineNumber,
          extension: text(to.extension) || null,
        };
  const duration =
    endedAt === null
      ? null
      : Math.max(0, Math.round((endedAt.getTime() - createdAt.getTime()) / 1000));
  return {
    kind: "event",
    event: {
      ...baseEvent(eventKey, providerCallId, "events/summary", json, endedAt ?? receivedAt),
      ...parties,
      kind: "ended",
      callStartedAt: createdAt,
      durationSeconds: duration,
      disposition: normalizeMangoDisposition(talkTime, disconnectReason),
      rawDisposition: `entry_result=${text(json.entry_result) || "-"}; disconnect_reason=${text(json.disconnect_reason) || "-"}`,
    },
  };
}

/** A leg's current state by the `lastSeq` rule (docs/telephony-mango.md §7.1). */
export type TMangoLegState = { legId: string; lastSeq: number; state: string };

/**
 * The state of each leg of a call by the `lastSeq` rule: per `call_id`, an event counts only when
 * its `seq` is greater than the leg's last, so a late or repeated lower `seq` never moves a leg
 * back. Whatever order the events are given in, each leg ends at its highest `seq`: the result
 * depends only on the set of events, not on their arrival.
 */
export function mangoLegStates(
  events: readonly { callId: string; seq: number; state: string }[],
): TMangoLegState[] {
  const legs = new Map<string, TMangoLegState>();
  for (const event of events) {
    const leg = legs.get(event.callId);
    if (leg && event.seq <= leg.lastSeq) continue;
    legs.set(event.callId, { legId: event.callId, lastSeq: event.seq, state: event.state });
  }
  return [...legs.values()].sort((a, b) => a.legId.localeCompare(b.legId));
}

import type { TCallEvent, TCallEventKind } from "@/server/domain/calls/call-event";

/**
 * Neutral call events as the Zadarma adapter produces them, for the calls domain's tests: keys
 * follow telephony-zadarma §8.2 (`zadarma:{pbx_call_id}:{event}:{internal or -}`); an END's
 * duration runs from the call's start to the hang-up, a statistics row's is the talk time.
 */

const RAW_TYPE: Record<TCallEventKind, string> = {
  started: "NOTIFY_START",
  ivr: "NOTIFY_IVR",
  ringing: "NOTIFY_INTERNAL",
  answered: "NOTIFY_ANSWER",
  ended: "NOTIFY_END",
  out_started: "NOTIFY_OUT_START",
  leg_changed: "events/call",
  recording_ready: "NOTIFY_RECORD",
  summary: "statistics",
};

export type TEventFields = Partial<Omit<TCallEvent, "kind" | "providerCallId" | "at">> & {
  at: Date;
};

/** One event of call `providerCallId`; the key is derived unless given. */
export function callEvent(
  providerCallId: string,
  kind: TCallEventKind,
  fields: TEventFields,
): TCallEvent {
  const rawType =
    fields.rawType ??
    (kind === "ended" && fields.direction === "outgoing" ? "NOTIFY_OUT_END" : RAW_TYPE[kind]);
  const keyTail =
    kind === "recording_ready" ? (fields.recordingRef ?? "-") : (fields.extension ?? "-");
  return {
    eventKey: fields.eventKey ?? `zadarma:${providerCallId}:${rawType}:${keyTail}`,
    providerCallId,
    kind,
    rawType,
    direction: fields.direction ?? "incoming",
    at: fields.at,
    callStartedAt: fields.callStartedAt ?? null,
    clientPhone: fields.clientPhone ?? null,
    companyNumber: fields.companyNumber ?? null,
    extension: fields.extension ?? null,
    durationSeconds: fields.durationSeconds ?? null,
    disposition: fields.disposition ?? null,
    rawDisposition: fields.rawDisposition ?? null,
    recordingRef: fields.recordingRef ?? null,
    isRecorded: fields.isRecorded ?? false,
    payload: fields.payload ?? {},
  };
}

export const secondsAfter = (time: Date, seconds: number) =>
  new Date(time.getTime() + seconds * 1000);

export type TIncomingAnsweredOptions = {
  providerCallId: string;
  startedAt: Date;
  clientPhone: string;
  companyNumber?: string;
  /** Seconds of ringing before 101 answers, and of talk. */
  waitSeconds?: number;
  talkSeconds?: number;
  recordingRef?: string | null;
};

/** An incoming call that rang 101 and 102, was answered by 101 and recorded (NOTIFY_RECORD included). */
export function incomingAnsweredCall(options: TIncomingAnsweredOptions): TCallEvent[] {
  const { providerCallId: id, startedAt, clientPhone } = options;
  const companyNumber = options.companyNumber ?? "+74950000000";
  const wait = options.waitSeconds ?? 8;
  const talk = options.talkSeconds ?? 65;
  const recordingRef = options.recordingRef === undefined ? `rec-${id}` : options.recordingRef;
  const common = { callStartedAt: startedAt, clientPhone, companyNumber };
  const endedAt = secondsAfter(startedAt, wait + talk);
  return [
    callEvent(id, "started", { ...common, at: startedAt }),
    callEvent(id, "ringing", { ...common, at: secondsAfter(startedAt, 1), extension: "101" }),
    callEvent(id, "ringing", { ...common, at: secondsAfter(startedAt, 1), extension: "102" }),
    callEvent(id, "answered", { ...common, at: secondsAfter(startedAt, wait), extension: "101" }),
    callEvent(id, "ended", {
      ...common,
      at: secondsAfter(endedAt, 1),
      extension: "101",
      durationSeconds: wait + talk,
      disposition: "answered",
      rawDisposition: "answered",
      isRecorded: recordingRef !== null,
      recordingRef,
    }),
    ...(recordingRef
      ? [callEvent(id, "recording_ready", { at: secondsAfter(endedAt, 5), recordingRef })]
      : []),
  ];
}

/** An incoming call that rang 101 and 102 for `ringSeconds` and was not answered. */
export function incomingMissedCall(options: {
  providerCallId: string;
  startedAt: Date;
  clientPhone: string;
  ringSeconds?: number;
}): TCallEvent[] {
  const { providerCallId: id, startedAt, clientPhone } = options;
  const ring = options.ringSeconds ?? 20;
  const common = { callStartedAt: startedAt, clientPhone, companyNumber: "+74950000000" };
  return [
    callEvent(id, "started", { ...common, at: startedAt }),
    callEvent(id, "ringing", { ...common, at: secondsAfter(startedAt, 1), extension: "101" }),
    callEvent(id, "ringing", { ...common, at: secondsAfter(startedAt, 1), extension: "102" }),
    callEvent(id, "ended", {
      ...common,
      at: secondsAfter(startedAt, ring),
      durationSeconds: ring,
      disposition: "no_answer",
      rawDisposition: "no answer",
    }),
  ];
}

/**
 * An outgoing call from `extension` (a click-to-call callback), answered by the client after
 * `waitSeconds`. Zadarma sends no answer notification for it: only the start and the end.
 */
export function outgoingAnsweredCall(options: {
  providerCallId: string;
  startedAt: Date;
  clientPhone: string;
  extension?: string;
  waitSeconds?: number;
  talkSeconds?: number;
}): TCallEvent[] {
  const { providerCallId: id, startedAt, clientPhone } = options;
  const wait = options.waitSeconds ?? 12;
  const talk = options.talkSeconds ?? 40;
  const common = {
    direction: "outgoing" as const,
    callStartedAt: startedAt,
    clientPhone,
    companyNumber: "+74950000000",
    extension: options.extension ?? "101",
  };
  return [
    callEvent(id, "out_started", { ...common, at: startedAt }),
    callEvent(id, "ended", {
      ...common,
      at: secondsAfter(startedAt, wait + talk),
      durationSeconds: wait + talk,
      disposition: "answered",
      rawDisposition: "answered",
    }),
  ];
}

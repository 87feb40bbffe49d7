// The form fields and signature string of each call notification, as Zadarma sends them
// (GitHub zadarma/user-api-v1 lib/Webhook/*.php; README "Notifications" for the choices made where the
// public protocol is silent). Numbers are digits without `+`; `call_start` is the account's wall clock.

import { formatLocalDateTime } from "./datetime";
import type { Account, Call, Disposition, NotifyEvent } from "./types";

export type Notification = {
  event: NotifyEvent;
  pbxCallId: string;
  fields: Record<string, string>;
  /** The text the Signature header signs (README "Notifications" table). */
  signatureString: string;
};

/** Q.931 cause codes in `status_code`: normal clearing, user busy, no answer, no circuit, and so on. */
const STATUS_CODES: Record<Disposition, string> = {
  answered: "16",
  cancel: "16",
  busy: "17",
  "no answer": "19",
  failed: "34",
  "no money": "31",
};

export const callStart = (account: Account, call: Call): string =>
  formatLocalDateTime(call.startedAt, account.timezone);

/** Whole seconds from `call_start` to the hang-up, ringing included (README: the end is call_start + duration). */
export const callDurationSeconds = (call: Call): number =>
  call.endedAt === null ? 0 : Math.max(0, Math.round((call.endedAt - call.startedAt) / 1000));

const recordFields = (call: Call) => ({
  is_recorded: call.recording ? "1" : "0",
  call_id_with_rec: call.recording?.callIdWithRec ?? "",
});

const build = (
  event: NotifyEvent,
  call: Call,
  fields: Record<string, string>,
  signatureParts: string[],
): Notification => ({
  event,
  pbxCallId: call.pbxCallId,
  fields: { event, ...fields },
  signatureString: signatureParts.join(""),
});

export const notifyStart = (account: Account, call: Call): Notification => {
  const start = callStart(account, call);
  return build(
    "NOTIFY_START",
    call,
    {
      call_start: start,
      pbx_call_id: call.pbxCallId,
      caller_id: call.caller,
      called_did: call.destination,
    },
    [call.caller, call.destination, start],
  );
};

export const notifyInternal = (account: Account, call: Call, extension: string): Notification => {
  const start = callStart(account, call);
  return build(
    "NOTIFY_INTERNAL",
    call,
    {
      call_start: start,
      pbx_call_id: call.pbxCallId,
      caller_id: call.caller,
      called_did: call.destination,
      internal: extension,
    },
    [call.caller, call.destination, start],
  );
};

/** `destination` is the number the caller dialled (the company number). */
export const notifyAnswer = (account: Account, call: Call, extension: string): Notification => {
  const start = callStart(account, call);
  return build(
    "NOTIFY_ANSWER",
    call,
    {
      caller_id: call.caller,
      destination: call.destination,
      call_start: start,
      pbx_call_id: call.pbxCallId,
      internal: extension,
    },
    [call.caller, call.destination, start],
  );
};

export const notifyEnd = (account: Account, call: Call): Notification => {
  const start = callStart(account, call);
  const disposition = call.disposition ?? "failed";
  return build(
    "NOTIFY_END",
    call,
    {
      call_start: start,
      pbx_call_id: call.pbxCallId,
      caller_id: call.caller,
      called_did: call.destination,
      internal: call.extension ?? "",
      duration: String(callDurationSeconds(call)),
      disposition,
      status_code: STATUS_CODES[disposition],
      ...recordFields(call),
    },
    [call.caller, call.destination, start],
  );
};

export const notifyOutStart = (account: Account, call: Call): Notification => {
  const start = callStart(account, call);
  const internal = call.extension ?? "";
  return build(
    "NOTIFY_OUT_START",
    call,
    { call_start: start, pbx_call_id: call.pbxCallId, internal, destination: call.destination },
    [internal, call.destination, start],
  );
};

/** `caller_id` is the company number the client saw. */
export const notifyOutEnd = (account: Account, call: Call): Notification => {
  const start = callStart(account, call);
  const internal = call.extension ?? "";
  const disposition = call.disposition ?? "failed";
  return build(
    "NOTIFY_OUT_END",
    call,
    {
      call_start: start,
      pbx_call_id: call.pbxCallId,
      caller_id: call.caller,
      destination: call.destination,
      internal,
      duration: String(callDurationSeconds(call)),
      disposition,
      status_code: STATUS_CODES[disposition],
      ...recordFields(call),
    },
    [internal, call.destination, start],
  );
};

export const notifyRecord = (call: Call): Notification => {
  const callIdWithRec = call.recording?.callIdWithRec ?? "";
  return build(
    "NOTIFY_RECORD",
    call,
    { call_id_with_rec: callIdWithRec, pbx_call_id: call.pbxCallId },
    [call.pbxCallId, callIdWithRec],
  );
};

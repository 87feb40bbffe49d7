import { randomBytes } from "node:crypto";

import { formatLocalDateTime } from "../../emulators/zadarma/datetime";
import { webhookSignature } from "../../emulators/zadarma/signature";

/**
 * Zadarma call notifications written by the bench itself, for loads where it must choose the time
 * of each POST (the load run, the pop timing): the fields, their order, the form encoding and the
 * `Signature` are the emulator's (emulators/zadarma/README.md, "Notifications"), signed with the
 * account's secret by the emulator's own helper.
 */
export type TBenchIncomingCall = {
  pbxCallId: string;
  /** Digits without `+`, as Zadarma sends them. */
  caller: string;
  did: string;
  extension: string;
  startedAt: Date;
  /** From `call_start` to the hang-up, ringing included. */
  durationSeconds: number;
};

export type TSignedForm = { event: string; body: string; signature: string };

export type TBenchIncomingEvent =
  "NOTIFY_START" | "NOTIFY_INTERNAL" | "NOTIFY_ANSWER" | "NOTIFY_END";

/** An incoming call answered on its extension: START, INTERNAL, ANSWER, END (unrecorded, so no recording is asked for). */
export const ANSWERED_CALL_EVENTS: readonly TBenchIncomingEvent[] = [
  "NOTIFY_START",
  "NOTIFY_INTERNAL",
  "NOTIFY_ANSWER",
  "NOTIFY_END",
];

function fieldsOf(
  event: TBenchIncomingEvent,
  call: TBenchIncomingCall,
  callStart: string,
): Record<string, string> {
  const common = {
    call_start: callStart,
    pbx_call_id: call.pbxCallId,
    caller_id: call.caller,
    called_did: call.did,
  };
  switch (event) {
    case "NOTIFY_START":
      return { event, ...common };
    case "NOTIFY_INTERNAL":
      return { event, ...common, internal: call.extension };
    case "NOTIFY_ANSWER":
      return {
        event,
        caller_id: call.caller,
        destination: call.did,
        call_start: callStart,
        pbx_call_id: call.pbxCallId,
        internal: call.extension,
      };
    case "NOTIFY_END":
      return {
        event,
        ...common,
        internal: call.extension,
        duration: String(call.durationSeconds),
        disposition: "answered",
        status_code: "16",
        is_recorded: "0",
        call_id_with_rec: "",
      };
  }
}

/** One notification of an incoming call as Zadarma posts it; `timeZone` is the account's (its `call_start` clock). */
export function signIncomingNotification(
  event: TBenchIncomingEvent,
  call: TBenchIncomingCall,
  account: { secret: string; timeZone: string },
): TSignedForm {
  const callStart = formatLocalDateTime(call.startedAt.getTime(), account.timeZone);
  // caller_id + called_did (ANSWER: destination, the same number) + call_start, for all four.
  const signature = webhookSignature(account.secret, `${call.caller}${call.did}${callStart}`);
  return {
    event,
    body: new URLSearchParams(fieldsOf(event, call, callStart)).toString(),
    signature,
  };
}

/** `in_` and 32 hex digits, like Zadarma's incoming call ids; random, so runs never collide. */
export const newIncomingPbxCallId = (): string => `in_${randomBytes(16).toString("hex")}`;

/** The request headers Zadarma sends with a notification. */
export const notificationHeaders = (
  form: Pick<TSignedForm, "signature">,
): Record<string, string> => ({
  "content-type": "application/x-www-form-urlencoded",
  signature: form.signature,
});

/**
 * The notifications of one answered call after another, each call's four in order: every form is
 * a distinct event (new `pbx_call_id`, new caller), so the receiver's dedupe never short-circuits
 * one. A call starts 45 s before its START is generated and lasts 45 s, so it ends about when its END goes out.
 */
export function createAnsweredCallForms(
  account: { secret: string; timeZone: string },
  options: { did: string; extension: string; callerPrefix: string },
) {
  let next = 0;
  let call: TBenchIncomingCall | undefined;
  return (): TSignedForm => {
    const index = next++;
    const step = index % ANSWERED_CALL_EVENTS.length;
    if (step === 0 || !call) {
      const callNumber = Math.floor(index / ANSWERED_CALL_EVENTS.length);
      call = {
        pbxCallId: newIncomingPbxCallId(),
        caller: `${options.callerPrefix}${String(callNumber % 10_000_000).padStart(7, "0")}`,
        did: options.did,
        extension: options.extension,
        startedAt: new Date(Date.now() - 45_000),
        durationSeconds: 45,
      };
    }
    return signIncomingNotification(ANSWERED_CALL_EVENTS[step]!, call, account);
  };
}

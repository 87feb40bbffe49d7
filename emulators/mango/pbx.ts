// The live VPBX: an incoming call rings every target extension at once (one call_id each) and goes to
// whoever answers first; a callback (`commands/callback`) rings the extension first and dials the
// client once it answers. Every transition takes its moment (`at`), so scripted calls replay on a
// virtual timeline with the same functions the softphones drive in real time, and sends its events
// (README "Event sequences").

import { clientScriptFor } from "./accounts";
import type { Emulator } from "./emulator";
import {
  callbackResultEvent,
  callEvent,
  recordAddedEvent,
  recordingEvent,
  summaryEvent,
  type CallState as EventCallState,
  type MangoEvent,
} from "./event-payloads";
import type { Account, Call, Leg, Outcome } from "./types";

/** A transition that does not apply to the call's current state (answering an ended call …). */
export class PbxError extends Error {}

/** `disconnect_reason` values (**Choice** within the 11xx "normal clearing" class of the documented codes). */
export const DISCONNECT = {
  normal: 1100,
  /** The caller (incoming) or the client (callback) hung up. */
  callerHangup: 1110,
  /** The extension hung up. */
  calleeHangup: 1111,
  /** Another extension took the call. */
  answeredElsewhere: 1115,
  noAnswer: 1120,
  busy: 1121,
  /** Nobody to ring: no online extension. */
  unavailable: 1131,
} as const;

export type CallOptions = { at: number; live: boolean; notify: boolean; origin: Call["origin"] };

const send = (emulator: Emulator, account: Account, call: Call, event: MangoEvent): void =>
  emulator.state.events.send(account, call, event);

/** Mango's ids are opaque base64 strings (`MToxMDA1NzU5Mzo1MDI6NjI1ODM4MzQ=`). */
const opaqueId = (text: string): string => Buffer.from(text, "utf8").toString("base64");

const after = (emulator: Emulator, call: Call, ms: number, task: () => void): void => {
  if (!call.live) return;
  const cancel = emulator.state.timers.after(ms, () => {
    call.timers.delete(cancel);
    if (call.state !== "ended") task();
  });
  call.timers.add(cancel);
};

type CallInit = Pick<
  Call,
  "direction" | "fromNumber" | "fromExtension" | "toNumber" | "lineNumber" | "commandId"
>;

const newCall = (
  emulator: Emulator,
  account: Account,
  init: CallInit,
  options: CallOptions,
): Call => {
  const call: Call = {
    ...init,
    entryId: opaqueId(`${account.productId}:${emulator.state.nextId("entry")}`),
    accountId: account.id,
    extension: init.fromExtension,
    state: "ringing",
    legs: [],
    startedAt: options.at,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    disconnectReason: null,
    recording: null,
    notify: options.notify,
    live: options.live,
    origin: options.origin,
    timers: new Set(),
  };
  account.calls.set(call.entryId, call);
  return call;
};

const legEvent = (
  emulator: Emulator,
  account: Account,
  call: Call,
  leg: Leg,
  state: EventCallState,
  at: number,
): void => send(emulator, account, call, callEvent(account, call, leg, state, at));

/** A new call_id rings: `Appeared`. */
const ringLeg = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string | null,
  at: number,
): Leg => {
  const leg: Leg = {
    callId: opaqueId(`1:${account.productId}:${emulator.state.nextId("leg")}`),
    extension,
    state: "ringing",
    seq: 0,
    startedAt: at,
    answeredAt: null,
    endedAt: null,
    disconnectReason: null,
  };
  call.legs.push(leg);
  legEvent(emulator, account, call, leg, "Appeared", at);
  return leg;
};

const connectLeg = (emulator: Emulator, account: Account, call: Call, leg: Leg, at: number) => {
  leg.state = "connected";
  leg.answeredAt = at;
  legEvent(emulator, account, call, leg, "Connected", at);
};

const dropLeg = (
  emulator: Emulator,
  account: Account,
  call: Call,
  leg: Leg,
  reason: number,
  at: number,
): void => {
  if (leg.state === "ended") return;
  leg.state = "ended";
  leg.endedAt = at;
  leg.disconnectReason = reason;
  legEvent(emulator, account, call, leg, "Disconnected", at);
};

const ringingLegs = (call: Call): Leg[] => call.legs.filter((leg) => leg.state === "ringing");

const extensionLeg = (call: Call, extension: string, state: Leg["state"]): Leg => {
  const leg = call.legs.find(
    (candidate) => candidate.extension === extension && candidate.state === state,
  );
  if (!leg) throw new PbxError(`Extension ${extension} has no ${state} leg in ${call.entryId}`);
  return leg;
};

const requireState = (call: Call, ...states: Call["state"][]): void => {
  if (!states.includes(call.state)) throw new PbxError(`Call ${call.entryId} is ${call.state}`);
};

/** The talk begins: recording starts on the answering leg (`events/recording` Started). */
const startTalk = (
  emulator: Emulator,
  account: Account,
  call: Call,
  leg: Leg,
  extension: string,
  at: number,
): void => {
  call.state = "connected";
  call.answeredAt = at;
  call.extension = extension;
  call.recording = {
    recordingId: opaqueId(`1:${account.productId}:${leg.callId}:0`),
    callId: leg.callId,
    extension,
    seconds: 0,
    readyAt: Number.POSITIVE_INFINITY,
  };
  send(emulator, account, call, recordingEvent(call, "Started", at));
  after(emulator, call, account.timings.maxTalkMs, () =>
    endCall(emulator, account, call, "answered", DISCONNECT.normal, emulator.clock.now()),
  );
};

/**
 * Ends the call: Disconnected for every leg still up, recording Completed, `events/summary`, then
 * (after `record_delay_ms`) `events/record/added`. Held events are released here.
 */
export const endCall = (
  emulator: Emulator,
  account: Account,
  call: Call,
  outcome: Outcome,
  reason: number,
  at: number,
): void => {
  requireState(call, "ringing", "connected");
  for (const cancel of call.timers) cancel();
  call.timers.clear();
  const endedAt = Math.max(at, call.startedAt);
  for (const leg of call.legs) dropLeg(emulator, account, call, leg, reason, endedAt);
  call.state = "ended";
  call.outcome = outcome;
  call.disconnectReason = reason;
  call.endedAt = endedAt;
  const { recording } = call;
  if (recording && call.answeredAt !== null) {
    recording.seconds = Math.max(0, Math.round((endedAt - call.answeredAt) / 1000));
    // A silent (backdated) call's file exists from its end; a notified one once record/added is due.
    recording.readyAt = call.notify
      ? emulator.clock.now() + account.timings.recordDelayMs
      : endedAt;
    send(emulator, account, call, recordingEvent(call, "Completed", endedAt));
  }
  send(emulator, account, call, summaryEvent(call));
  emulator.state.events.release(account, call);
  if (recording && call.notify) {
    emulator.state.timers.after(account.timings.recordDelayMs, () =>
      send(emulator, account, call, recordAddedEvent(account, call, emulator.clock.now())),
    );
  }
};

// ── Incoming ────────────────────────────────────────────────────────────────────────────────────────

export type IncomingInit = { caller: string; did: string; extensions?: string[] };

/** Rings every target extension (every online one unless given): one call_id and `Appeared` each. */
export const placeIncoming = (
  emulator: Emulator,
  account: Account,
  init: IncomingInit,
  options: CallOptions,
): Call => {
  const call = newCall(
    emulator,
    account,
    {
      direction: "in",
      fromNumber: init.caller,
      fromExtension: null,
      toNumber: init.did,
      lineNumber: init.did,
      commandId: null,
    },
    options,
  );
  const targets =
    init.extensions ??
    Array.from(account.users.values())
      .filter((user) => user.online)
      .map((user) => user.extension);
  for (const extension of targets) {
    ringLeg(emulator, account, call, extension, options.at);
    const autoAnswerMs = account.users.get(extension)?.autoAnswerMs ?? null;
    if (autoAnswerMs !== null)
      after(emulator, call, autoAnswerMs, () => {
        if (call.state === "ringing")
          answerIncoming(emulator, account, call, extension, emulator.clock.now());
      });
  }
  if (targets.length === 0) {
    endCall(emulator, account, call, "no_answer", DISCONNECT.unavailable, options.at);
    return call;
  }
  after(emulator, call, account.timings.ringTimeoutMs, () =>
    endCall(emulator, account, call, "no_answer", DISCONNECT.noAnswer, emulator.clock.now()),
  );
  return call;
};

/** The first extension to answer takes the call; the others' legs are Disconnected. */
export const answerIncoming = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  requireState(call, "ringing");
  const leg = extensionLeg(call, extension, "ringing");
  for (const other of ringingLegs(call))
    if (other !== leg) dropLeg(emulator, account, call, other, DISCONNECT.answeredElsewhere, at);
  connectLeg(emulator, account, call, leg, at);
  startTalk(emulator, account, call, leg, extension, at);
};

/** An extension rejects the call; once nobody is left ringing, the caller hears busy. */
export const declineIncoming = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  requireState(call, "ringing");
  dropLeg(emulator, account, call, extensionLeg(call, extension, "ringing"), DISCONNECT.busy, at);
  if (ringingLegs(call).length === 0) endCall(emulator, account, call, "busy", DISCONNECT.busy, at);
};

/** The external caller hangs up: `cancelled` before anyone answered, `answered` after. */
export const callerHangsUp = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  requireState(call, "ringing", "connected");
  const outcome = call.state === "connected" ? "answered" : "cancelled";
  endCall(emulator, account, call, outcome, DISCONNECT.callerHangup, at);
};

// ── Outgoing (commands/callback) ────────────────────────────────────────────────────────────────────

export type CallbackInit = {
  extension: string;
  toNumber: string;
  lineNumber: string;
  commandId: string;
  /** `sip_headers["Call-Info/answer-after"]`: the extension's phone picks up by itself after so many seconds. */
  autoAnswerSeconds: number | null;
};

/** Rings the extension (leg 1); `result/callback` follows after `callback_result_delay_ms`. */
export const placeCallback = (
  emulator: Emulator,
  account: Account,
  init: CallbackInit,
  options: CallOptions,
): Call => {
  const call = newCall(
    emulator,
    account,
    {
      direction: "out",
      fromNumber: init.lineNumber,
      fromExtension: init.extension,
      toNumber: init.toNumber,
      lineNumber: init.lineNumber,
      commandId: init.commandId,
    },
    options,
  );
  ringLeg(emulator, account, call, init.extension, options.at);
  if (options.notify) {
    // Sent whatever becomes of the call: the command itself was carried out.
    emulator.state.timers.after(account.timings.callbackResultDelayMs, () =>
      emulator.state.events.send(account, null, callbackResultEvent(null, init.commandId, 1000)),
    );
  }
  const autoAnswerMs =
    init.autoAnswerSeconds !== null
      ? init.autoAnswerSeconds * 1000
      : (account.users.get(init.extension)?.autoAnswerMs ?? null);
  if (autoAnswerMs !== null)
    after(emulator, call, autoAnswerMs, () => {
      if (agentIsRinging(call)) answerAgentLeg(emulator, account, call, emulator.clock.now());
    });
  after(emulator, call, account.timings.ringTimeoutMs, () => {
    if (agentIsRinging(call))
      endCall(emulator, account, call, "no_answer", DISCONNECT.noAnswer, emulator.clock.now());
  });
  return call;
};

const agentIsRinging = (call: Call): boolean =>
  call.direction === "out" && call.state === "ringing" && call.legs.length === 1;

const clientLeg = (call: Call): Leg | undefined =>
  call.direction === "out" ? call.legs.find((leg) => leg.extension === null) : undefined;

const runClientScript = (emulator: Emulator, account: Account, call: Call): void => {
  const script = clientScriptFor(account, call.toNumber);
  if (script.mode === "answer")
    after(emulator, call, script.answerAfterMs, () =>
      clientAnswers(emulator, account, call, emulator.clock.now()),
    );
  if (script.mode === "busy")
    after(emulator, call, script.answerAfterMs, () =>
      clientDeclines(emulator, account, call, emulator.clock.now()),
    );
  // `no_answer` and `manual` wait for the ring timeout (or for the control API).
  after(emulator, call, account.timings.ringTimeoutMs, () => {
    if (clientLeg(call)?.state === "ringing")
      endCall(emulator, account, call, "no_answer", DISCONNECT.noAnswer, emulator.clock.now());
  });
};

/** The extension picks up: its leg is Connected and the client's phone starts ringing (leg 2). */
export const answerAgentLeg = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  if (!agentIsRinging(call))
    throw new PbxError(`Call ${call.entryId} is not ringing its extension`);
  const leg = call.legs[0];
  if (!leg) throw new PbxError(`Call ${call.entryId} has no leg`);
  connectLeg(emulator, account, call, leg, at);
  ringLeg(emulator, account, call, null, at);
  runClientScript(emulator, account, call);
};

export const clientAnswers = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  const leg = clientLeg(call);
  if (!leg || leg.state !== "ringing" || call.state !== "ringing")
    throw new PbxError(`The client of ${call.entryId} is not ringing`);
  connectLeg(emulator, account, call, leg, at);
  startTalk(emulator, account, call, leg, call.fromExtension ?? "", at);
  const { hangupAfterMs } = clientScriptFor(account, call.toNumber);
  if (hangupAfterMs !== null)
    after(emulator, call, hangupAfterMs, () =>
      endCall(emulator, account, call, "answered", DISCONNECT.callerHangup, emulator.clock.now()),
    );
};

export const clientDeclines = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  const leg = clientLeg(call);
  if (!leg || leg.state !== "ringing" || call.state !== "ringing")
    throw new PbxError(`The client of ${call.entryId} is not ringing`);
  endCall(emulator, account, call, "busy", DISCONNECT.busy, at);
};

/** The callback's client hangs up: `answered` once connected, `cancelled` before. */
export const clientHangsUp = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  requireState(call, "ringing", "connected");
  if (call.direction !== "out") throw new PbxError("Only a callback has a client leg");
  const outcome = call.state === "connected" ? "answered" : "cancelled";
  endCall(emulator, account, call, outcome, DISCONNECT.callerHangup, at);
};

// ── Extensions' view ────────────────────────────────────────────────────────────────────────────────

/** The call an extension's phone shows: ringing for it, or held by it. */
export const activeCallOf = (account: Account, extension: string): Call | undefined =>
  Array.from(account.calls.values())
    .reverse()
    .find(
      (call) =>
        call.state !== "ended" &&
        call.legs.some(
          (leg) =>
            leg.extension === extension && (leg.state === "ringing" || leg.state === "connected"),
        ),
    );

/** Answer on an extension's phone: an incoming call, or the first leg of its callback. */
export const extensionAnswers = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  if (call.direction === "out") {
    if (call.fromExtension !== extension)
      throw new PbxError(`Call ${call.entryId} belongs to extension ${call.fromExtension}`);
    return answerAgentLeg(emulator, account, call, at);
  }
  answerIncoming(emulator, account, call, extension, at);
};

/** The extension hangs up (or rejects) whatever its phone shows. */
export const extensionHangsUp = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  if (call.direction === "out") {
    if (agentIsRinging(call)) return endCall(emulator, account, call, "busy", DISCONNECT.busy, at);
    const outcome = call.state === "connected" ? "answered" : "cancelled";
    return endCall(emulator, account, call, outcome, DISCONNECT.calleeHangup, at);
  }
  if (call.state === "ringing") return declineIncoming(emulator, account, call, extension, at);
  extensionLeg(call, extension, "connected");
  endCall(emulator, account, call, "answered", DISCONNECT.calleeHangup, at);
};

/** `commands/call/hangup`: ends the call one of whose legs is `callId`. */
export const hangUpByCallId = (
  emulator: Emulator,
  account: Account,
  callId: string,
  at: number,
): Call | undefined => {
  const call = Array.from(account.calls.values()).find(
    (candidate) =>
      candidate.state !== "ended" && candidate.legs.some((leg) => leg.callId === callId),
  );
  if (!call) return undefined;
  const outcome = call.state === "connected" ? "answered" : "cancelled";
  endCall(emulator, account, call, outcome, DISCONNECT.normal, at);
  return call;
};

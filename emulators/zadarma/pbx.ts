// The live PBX: incoming calls ring every target extension at once and go to whoever answers first;
// callbacks ring the extension first and dial the client once it answers. Every transition takes the
// moment it happens (`at`), so scripted calls replay on a virtual timeline with the same functions the
// softphones drive in real time. Each transition sends its notification (README "Event sequences").

import { clientScriptFor } from "./accounts";
import type { Emulator } from "./emulator";
import {
  notifyAnswer,
  notifyEnd,
  notifyInternal,
  notifyOutEnd,
  notifyOutStart,
  notifyRecord,
  notifyStart,
  type Notification,
} from "./notification-payloads";
import type { Account, Call, Disposition, Leg } from "./types";

/** A transition that does not apply to the call's current state (answering an ended call …). */
export class PbxError extends Error {}

export type CallOptions = {
  at: number;
  live: boolean;
  notify: boolean;
  origin: Call["origin"];
};

const randomHex = (emulator: Emulator, length: number): string =>
  Array.from({ length }, () => Math.floor(emulator.state.random.next() * 16).toString(16)).join("");

const send = (emulator: Emulator, account: Account, call: Call, notification: Notification): void =>
  emulator.state.notifications.send(account, call, notification);

const after = (emulator: Emulator, call: Call, ms: number, task: () => void): void => {
  if (!call.live) return;
  const cancel = emulator.state.timers.after(ms, () => {
    call.timers.delete(cancel);
    if (call.state !== "ended") task();
  });
  call.timers.add(cancel);
};

const newCall = (
  emulator: Emulator,
  account: Account,
  init: Pick<Call, "direction" | "caller" | "destination" | "extension">,
  options: CallOptions,
): Call => {
  const call: Call = {
    ...init,
    pbxCallId: `${init.direction}_${randomHex(emulator, 32)}`,
    callId: `${Math.floor(options.at / 1000)}.${emulator.state.nextId("call")}`,
    accountId: account.id,
    state: "ringing",
    clientLeg: "idle",
    legs: [],
    startedAt: options.at,
    answeredAt: null,
    endedAt: null,
    disposition: null,
    recording: null,
    recordingBytes: null,
    notify: options.notify,
    live: options.live,
    origin: options.origin,
    timers: new Set(),
  };
  account.calls.set(call.pbxCallId, call);
  return call;
};

const ringingLegs = (call: Call): Leg[] => call.legs.filter((leg) => leg.state === "ringing");

const legOf = (call: Call, extension: string, state: Leg["state"]): Leg => {
  const leg = call.legs.find(
    (candidate) => candidate.extension === extension && candidate.state === state,
  );
  if (!leg)
    throw new PbxError(`Extension ${extension} has no ${state} leg in call ${call.pbxCallId}`);
  return leg;
};

const ringLeg = (call: Call, extension: string, at: number): Leg => {
  const leg: Leg = { extension, state: "ringing", startedAt: at, answeredAt: null, endedAt: null };
  call.legs.push(leg);
  return leg;
};

const requireState = (call: Call, ...states: Call["state"][]): void => {
  if (!states.includes(call.state)) throw new PbxError(`Call ${call.pbxCallId} is ${call.state}`);
};

/** Ends the call: closes its legs, stops its timers, records it when answered, sends END / OUT_END, later NOTIFY_RECORD. */
export const endCall = (
  emulator: Emulator,
  account: Account,
  call: Call,
  disposition: Disposition,
  at: number,
): void => {
  requireState(call, "ringing", "connected");
  for (const cancel of call.timers) cancel();
  call.timers.clear();
  for (const leg of call.legs) {
    if (leg.state === "ringing") leg.state = "missed";
    if (leg.state === "answered") leg.state = "ended";
    leg.endedAt ??= at;
  }
  call.state = "ended";
  call.clientLeg =
    call.clientLeg === "connected" || call.clientLeg === "ringing" ? "ended" : call.clientLeg;
  call.disposition = disposition;
  call.endedAt = Math.max(at, call.startedAt);
  const recordDelayMs = account.timings.recordDelayMs;
  if (disposition === "answered" && call.answeredAt !== null) {
    call.recording = {
      callIdWithRec: call.callId,
      seconds: Math.max(0, Math.round((call.endedAt - call.answeredAt) / 1000)),
      bytes: call.recordingBytes,
      // A silent (backdated) call's recording exists from its end; a notified one once NOTIFY_RECORD is due.
      readyAt: call.notify ? emulator.clock.now() + recordDelayMs : call.endedAt,
    };
  }
  send(
    emulator,
    account,
    call,
    call.direction === "in" ? notifyEnd(account, call) : notifyOutEnd(account, call),
  );
  emulator.state.notifications.release(account, call);
  if (call.recording && call.notify) {
    emulator.state.timers.after(recordDelayMs, () =>
      send(emulator, account, call, notifyRecord(call)),
    );
  }
};

const limitTalk = (emulator: Emulator, account: Account, call: Call): void =>
  after(emulator, call, account.timings.maxTalkMs, () =>
    endCall(emulator, account, call, "answered", emulator.clock.now()),
  );

// ── Incoming ────────────────────────────────────────────────────────────────────────────────────────

export type IncomingInit = { caller: string; did: string; extensions?: string[] };

/** NOTIFY_START, then NOTIFY_INTERNAL for every extension rung (all online ones unless given). */
export const placeIncoming = (
  emulator: Emulator,
  account: Account,
  init: IncomingInit,
  options: CallOptions,
): Call => {
  const call = newCall(
    emulator,
    account,
    { direction: "in", caller: init.caller, destination: init.did, extension: null },
    options,
  );
  const targets =
    init.extensions ??
    Array.from(account.extensions.values())
      .filter((extension) => extension.online)
      .map((extension) => extension.number);
  send(emulator, account, call, notifyStart(account, call));
  for (const extension of targets) {
    ringLeg(call, extension, options.at);
    send(emulator, account, call, notifyInternal(account, call, extension));
  }
  if (targets.length === 0) {
    endCall(emulator, account, call, "no answer", options.at);
    return call;
  }
  after(emulator, call, account.timings.ringTimeoutMs, () => {
    if (call.state === "ringing")
      endCall(emulator, account, call, "no answer", emulator.clock.now());
  });
  return call;
};

/** The first extension to answer takes the call; the others stop ringing. */
export const answerIncoming = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  requireState(call, "ringing");
  const leg = legOf(call, extension, "ringing");
  for (const other of ringingLegs(call)) {
    other.state = "missed";
    other.endedAt = at;
  }
  leg.state = "answered";
  leg.answeredAt = at;
  leg.endedAt = null;
  call.state = "connected";
  call.extension = extension;
  call.answeredAt = at;
  send(emulator, account, call, notifyAnswer(account, call, extension));
  limitTalk(emulator, account, call);
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
  const leg = legOf(call, extension, "ringing");
  leg.state = "declined";
  leg.endedAt = at;
  if (ringingLegs(call).length === 0) endCall(emulator, account, call, "busy", at);
};

/** The extension holding the call hands it to another, who picks it up at once: INTERNAL, then ANSWER. */
export const transferIncoming = (
  emulator: Emulator,
  account: Account,
  call: Call,
  to: string,
  at: number,
): void => {
  requireState(call, "connected");
  if (call.direction !== "in") throw new PbxError("Only incoming calls are transferred");
  const current = call.legs.find((leg) => leg.state === "answered");
  if (current) {
    current.state = "ended";
    current.endedAt = at;
  }
  const leg = ringLeg(call, to, at);
  send(emulator, account, call, notifyInternal(account, call, to));
  leg.state = "answered";
  leg.answeredAt = at;
  call.extension = to;
  send(emulator, account, call, notifyAnswer(account, call, to));
};

/** The external caller hangs up: `cancel` before anyone answered, `answered` after. */
export const callerHangsUp = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  requireState(call, "ringing", "connected");
  endCall(emulator, account, call, call.state === "connected" ? "answered" : "cancel", at);
};

// ── Outgoing (request/callback) ─────────────────────────────────────────────────────────────────────

export type CallbackInit = { from: string; to: string };

/**
 * The extension (`from`) rings first. A `from` that is not an extension is an outside phone, which
 * picks up at once. The client is dialled when the extension answers.
 */
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
      caller: account.numbers[0] ?? init.from,
      destination: init.to,
      extension: init.from,
    },
    options,
  );
  ringLeg(call, init.from, options.at);
  if (!account.extensions.has(init.from)) {
    answerAgentLeg(emulator, account, call, options.at);
    return call;
  }
  after(emulator, call, account.timings.ringTimeoutMs, () => {
    if (call.clientLeg === "idle")
      endCall(emulator, account, call, "no answer", emulator.clock.now());
  });
  return call;
};

const agentIsRinging = (call: Call): boolean =>
  call.direction === "out" && call.clientLeg === "idle" && call.state === "ringing";

const runClientScript = (emulator: Emulator, account: Account, call: Call): void => {
  const script = clientScriptFor(account, call.destination);
  if (script.mode === "answer")
    after(emulator, call, script.answerAfterMs, () =>
      clientAnswers(emulator, account, call, emulator.clock.now()),
    );
  if (script.mode === "busy")
    after(emulator, call, script.answerAfterMs, () =>
      clientDeclines(emulator, account, call, emulator.clock.now()),
    );
  // `no_answer` and `manual` wait for the ring timeout (or for the /client-phone page).
  after(emulator, call, account.timings.ringTimeoutMs, () => {
    if (call.clientLeg === "ringing")
      endCall(emulator, account, call, "no answer", emulator.clock.now());
  });
};

/** The extension picks up its ringing phone: NOTIFY_OUT_START, and the client's phone starts ringing. */
export const answerAgentLeg = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  if (!agentIsRinging(call))
    throw new PbxError(`Call ${call.pbxCallId} is not ringing its extension`);
  const leg = legOf(call, call.extension ?? "", "ringing");
  leg.state = "answered";
  leg.answeredAt = at;
  call.clientLeg = "ringing";
  send(emulator, account, call, notifyOutStart(account, call));
  runClientScript(emulator, account, call);
};

/** The extension rejects its own callback: the client is never dialled; NOTIFY_OUT_END alone says `busy`. */
export const declineAgentLeg = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  if (!agentIsRinging(call))
    throw new PbxError(`Call ${call.pbxCallId} is not ringing its extension`);
  legOf(call, call.extension ?? "", "ringing").state = "declined";
  endCall(emulator, account, call, "busy", at);
};

export const clientAnswers = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  if (call.clientLeg !== "ringing" || call.state !== "ringing")
    throw new PbxError(`The client of ${call.pbxCallId} is not ringing`);
  call.clientLeg = "connected";
  call.state = "connected";
  call.answeredAt = at;
  const { hangupAfterMs } = clientScriptFor(account, call.destination);
  if (hangupAfterMs !== null)
    after(emulator, call, hangupAfterMs, () =>
      endCall(emulator, account, call, "answered", emulator.clock.now()),
    );
  limitTalk(emulator, account, call);
};

export const clientDeclines = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  if (call.clientLeg !== "ringing" || call.state !== "ringing")
    throw new PbxError(`The client of ${call.pbxCallId} is not ringing`);
  call.clientLeg = "declined";
  endCall(emulator, account, call, "busy", at);
};

/** Either side of a callback hangs up: `answered` once connected, `cancel` while the client still rings. */
export const hangUpCallback = (
  emulator: Emulator,
  account: Account,
  call: Call,
  at: number,
): void => {
  requireState(call, "ringing", "connected");
  if (agentIsRinging(call)) return declineAgentLeg(emulator, account, call, at);
  endCall(emulator, account, call, call.state === "connected" ? "answered" : "cancel", at);
};

// ── Extensions' view ────────────────────────────────────────────────────────────────────────────────

/** The call an extension's phone shows: ringing for it, or connected to it. */
export const activeCallOf = (account: Account, extension: string): Call | undefined =>
  Array.from(account.calls.values())
    .reverse()
    .find(
      (call) =>
        call.state !== "ended" &&
        (call.legs.some((leg) => leg.extension === extension && leg.state === "ringing") ||
          (call.extension === extension &&
            (call.state === "connected" || call.clientLeg === "ringing"))),
    );

/** The extension hangs up (or rejects) whatever its phone shows. */
export const extensionHangsUp = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  if (call.direction === "out") return hangUpCallback(emulator, account, call, at);
  if (call.state === "ringing") return declineIncoming(emulator, account, call, extension, at);
  if (call.extension !== extension)
    throw new PbxError(`Extension ${extension} does not hold call ${call.pbxCallId}`);
  endCall(emulator, account, call, "answered", at);
};

/** Answer on an extension's phone: an incoming call, or the first leg of its callback. */
export const extensionAnswers = (
  emulator: Emulator,
  account: Account,
  call: Call,
  extension: string,
  at: number,
): void => {
  if (call.direction === "out") {
    if (call.extension !== extension)
      throw new PbxError(`Call ${call.pbxCallId} belongs to extension ${call.extension}`);
    return answerAgentLeg(emulator, account, call, at);
  }
  answerIncoming(emulator, account, call, extension, at);
};

// Calls placed through the control API: live (ringing on real timers, driven by actions or the
// softphones) or scripted (`script`): a whole incoming call replayed at once on a virtual timeline that
// ends now, or placed in the past (`at`: statistics and recordings only, no events).

import type { z } from "zod";

import type { callBody } from "./control-schemas";
import type { Emulator } from "./emulator";
import {
  answerIncoming,
  callerHangsUp,
  declineIncoming,
  DISCONNECT,
  endCall,
  extensionHangsUp,
  placeIncoming,
} from "./pbx";
import type { Account, Call } from "./types";

export type CallSpec = z.output<typeof callBody>;

export class ScenarioError extends Error {}

const DEFAULT_RING_SECONDS = 5;
const DEFAULT_TALK_SECONDS = 30;

type Step = { offsetMs: number; run: (at: number) => void };

const requireExtension = (account: Account, extension: string): string => {
  if (!account.users.has(extension))
    throw new ScenarioError(`Account ${account.id} has no extension ${extension}`);
  return extension;
};

const scriptSteps = (
  emulator: Emulator,
  account: Account,
  call: Call,
  script: NonNullable<CallSpec["script"]>,
): Step[] => {
  const ringMs = (script.ring_seconds ?? DEFAULT_RING_SECONDS) * 1000;
  const talkMs = (script.talk_seconds ?? DEFAULT_TALK_SECONDS) * 1000;
  const rung = call.legs.map((leg) => leg.extension ?? "");
  const outcome = script.outcome ?? "answered";
  if (outcome === "answered") {
    const answeredBy = script.answered_by ?? rung[0];
    if (answeredBy === undefined || !rung.includes(answeredBy))
      throw new ScenarioError(
        `answered_by must be one of the rung extensions (${rung.join(", ") || "none online"})`,
      );
    return [
      { offsetMs: ringMs, run: (at) => answerIncoming(emulator, account, call, answeredBy, at) },
      {
        offsetMs: ringMs + talkMs,
        run: (at) => extensionHangsUp(emulator, account, call, answeredBy, at),
      },
    ];
  }
  if (outcome === "busy")
    return rung.map((extension) => ({
      offsetMs: ringMs,
      run: (at) => declineIncoming(emulator, account, call, extension, at),
    }));
  if (outcome === "cancelled")
    return [{ offsetMs: ringMs, run: (at) => callerHangsUp(emulator, account, call, at) }];
  const reason = outcome === "failed" ? DISCONNECT.unavailable : DISCONNECT.noAnswer;
  return [{ offsetMs: ringMs, run: (at) => endCall(emulator, account, call, outcome, reason, at) }];
};

const scriptLengthMs = (script: NonNullable<CallSpec["script"]>): number =>
  ((script.ring_seconds ?? DEFAULT_RING_SECONDS) +
    ((script.outcome ?? "answered") === "answered"
      ? (script.talk_seconds ?? DEFAULT_TALK_SECONDS)
      : 0)) *
  1000;

const startOf = (at: number | string): number =>
  typeof at === "number" ? at * 1000 : Date.parse(at);

/** Places the call (and replays its script, if any); returns it. */
export const placeControlCall = (emulator: Emulator, account: Account, spec: CallSpec): Call => {
  const did = spec.did ?? account.numbers[0];
  if (did === undefined) throw new ScenarioError(`Account ${account.id} has no company numbers`);
  const extensions = spec.extensions?.map((extension) => requireExtension(account, extension));
  const init = { caller: spec.caller, did, extensions };
  const { script } = spec;
  if (!script)
    return placeIncoming(emulator, account, init, {
      at: emulator.clock.now(),
      live: true,
      notify: true,
      origin: "control",
    });
  const backdated = script.at !== undefined;
  const startAt =
    script.at !== undefined ? startOf(script.at) : emulator.clock.now() - scriptLengthMs(script);
  const call = placeIncoming(emulator, account, init, {
    at: startAt,
    live: false,
    notify: !backdated,
    origin: "scripted",
  });
  if (call.state === "ended") return call;
  for (const step of scriptSteps(emulator, account, call, script))
    step.run(startAt + step.offsetMs);
  return call;
};

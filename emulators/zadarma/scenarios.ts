// Scripted calls (`POST /__control/accounts/:account/calls`, the autopilot): a timeline of PBX
// transitions, replayed at once on a virtual clock that ends now (the default), played on real timers
// (`live`, softphones ring), or placed in the past (`at`: statistics and recordings only).

import type { z } from "zod";

import type { scriptedCallBody } from "./control-schemas";
import { localDateTimeToEpoch, parseNaive } from "./datetime";
import type { Emulator } from "./emulator";
import {
  answerAgentLeg,
  answerIncoming,
  callerHangsUp,
  clientAnswers,
  clientDeclines,
  declineIncoming,
  endCall,
  hangUpCallback,
  PbxError,
  placeCallback,
  placeIncoming,
  transferIncoming,
  type CallOptions,
} from "./pbx";
import { randomRussianMobile } from "./phone-numbers";
import type { Account, Call } from "./types";

export type ScriptedCall = z.output<typeof scriptedCallBody>;

type Step = { offsetMs: number; run: (at: number) => void };

const DEFAULT_RING_SECONDS = 5;
const DEFAULT_TALK_SECONDS = 30;
/** How long the extension takes to pick up its ringing phone before a callback dials the client. */
const AGENT_PICKUP_MS = 1000;

export class ScenarioError extends Error {}

/** `at` as the account's wall clock ("YYYY-MM-DD HH:MM:SS") or an ISO datetime with an offset. */
const parseAt = (value: string, account: Account): number => {
  if (parseNaive(value) !== null) return localDateTimeToEpoch(value, account.timezone);
  const epochMs = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(epochMs))
    throw new ScenarioError(
      `Cannot read at="${value}": use "YYYY-MM-DD HH:MM:SS" or ISO with an offset`,
    );
  return epochMs;
};

const requireExtension = (account: Account, extension: string): string => {
  if (!account.extensions.has(extension))
    throw new ScenarioError(`Account ${account.id} has no extension ${extension}`);
  return extension;
};

const firstExtension = (account: Account): string => {
  const first = account.extensions.keys().next().value;
  if (first === undefined) throw new ScenarioError(`Account ${account.id} has no extensions`);
  return first;
};

type Timeline = { place: (options: CallOptions) => Call; steps: (call: Call) => Step[] };

const incomingTimeline = (
  emulator: Emulator,
  account: Account,
  spec: ScriptedCall,
  ringMs: number,
  talkMs: number,
): Timeline => {
  const did = spec.did ?? account.numbers[0];
  if (did === undefined) throw new ScenarioError(`Account ${account.id} has no company numbers`);
  const extensions = spec.extensions?.map((extension) => requireExtension(account, extension));
  const caller = spec.caller ?? randomRussianMobile(emulator.state.random);
  const disposition = spec.disposition ?? "answered";
  return {
    place: (options) => placeIncoming(emulator, account, { caller, did, extensions }, options),
    steps: (call) => {
      const rung = call.legs.map((leg) => leg.extension);
      const answeredBy = spec.answered_by ?? rung[0];
      if (disposition === "answered" && (answeredBy === undefined || !rung.includes(answeredBy))) {
        throw new ScenarioError(
          `answered_by must be one of the rung extensions (${rung.join(", ") || "none online"})`,
        );
      }
      if (disposition === "answered") {
        const transfer: Step[] =
          spec.scenario === "incoming_transferred" && spec.transfer_to
            ? [
                {
                  offsetMs: ringMs + talkMs / 2,
                  run: (at) =>
                    transferIncoming(emulator, account, call, spec.transfer_to ?? "", at),
                },
              ]
            : [];
        return [
          {
            offsetMs: ringMs,
            run: (at) => answerIncoming(emulator, account, call, answeredBy ?? "", at),
          },
          ...transfer,
          { offsetMs: ringMs + talkMs, run: (at) => callerHangsUp(emulator, account, call, at) },
        ];
      }
      if (disposition === "busy") {
        return rung.map((extension) => ({
          offsetMs: ringMs,
          run: (at) => declineIncoming(emulator, account, call, extension, at),
        }));
      }
      if (disposition === "cancel")
        return [{ offsetMs: ringMs, run: (at) => callerHangsUp(emulator, account, call, at) }];
      const endAfterMs = disposition === "no answer" ? ringMs : 0;
      return [
        { offsetMs: endAfterMs, run: (at) => endCall(emulator, account, call, disposition, at) },
      ];
    },
  };
};

const outgoingTimeline = (
  emulator: Emulator,
  account: Account,
  spec: ScriptedCall,
  ringMs: number,
  talkMs: number,
): Timeline => {
  const from = requireExtension(account, spec.extension ?? firstExtension(account));
  const to = spec.destination ?? randomRussianMobile(emulator.state.random);
  const disposition = spec.disposition ?? "answered";
  const clientRingsAt = AGENT_PICKUP_MS;
  return {
    place: (options) => placeCallback(emulator, account, { from, to }, options),
    steps: (call) => {
      if (disposition === "failed" || disposition === "no money") {
        return [{ offsetMs: 0, run: (at) => endCall(emulator, account, call, disposition, at) }];
      }
      const pickUp: Step = {
        offsetMs: clientRingsAt,
        run: (at) => answerAgentLeg(emulator, account, call, at),
      };
      const outcome: Record<typeof disposition, Step[]> = {
        answered: [
          {
            offsetMs: clientRingsAt + ringMs,
            run: (at) => clientAnswers(emulator, account, call, at),
          },
          {
            offsetMs: clientRingsAt + ringMs + talkMs,
            run: (at) => hangUpCallback(emulator, account, call, at),
          },
        ],
        busy: [
          {
            offsetMs: clientRingsAt + ringMs,
            run: (at) => clientDeclines(emulator, account, call, at),
          },
        ],
        cancel: [
          {
            offsetMs: clientRingsAt + ringMs,
            run: (at) => hangUpCallback(emulator, account, call, at),
          },
        ],
        "no answer": [
          {
            offsetMs: clientRingsAt + ringMs,
            run: (at) => endCall(emulator, account, call, "no answer", at),
          },
        ],
      };
      return [pickUp, ...outcome[disposition]];
    },
  };
};

/** Places the scripted call and runs (or schedules) its timeline; returns the call. */
export const runScriptedCall = (
  emulator: Emulator,
  account: Account,
  spec: ScriptedCall,
  origin: Call["origin"] = "scripted",
): Call => {
  const ringMs = (spec.ring_seconds ?? DEFAULT_RING_SECONDS) * 1000;
  const talkMs = (spec.talk_seconds ?? DEFAULT_TALK_SECONDS) * 1000;
  const timeline =
    spec.scenario === "outgoing"
      ? outgoingTimeline(emulator, account, spec, ringMs, talkMs)
      : incomingTimeline(emulator, account, spec, ringMs, talkMs);
  if (spec.transfer_to) requireExtension(account, spec.transfer_to);

  const backdated = spec.at !== undefined;
  const live = !backdated && (spec.live ?? false);
  const notify = !backdated && (spec.notify ?? true);
  const totalMs = (spec.scenario === "outgoing" ? AGENT_PICKUP_MS : 0) + ringMs + talkMs;
  const startAt =
    spec.at !== undefined
      ? parseAt(spec.at, account)
      : live
        ? emulator.clock.now()
        : emulator.clock.now() - totalMs;

  const call = timeline.place({ at: startAt, live, notify, origin });
  call.recordingBytes = spec.recording_bytes ?? null;
  const steps = call.state === "ended" ? [] : timeline.steps(call);
  for (const step of steps) {
    if (!live) {
      step.run(startAt + step.offsetMs);
      continue;
    }
    // A person on a softphone may have moved the call on already; then the scripted step has nothing to do.
    emulator.state.timers.after(step.offsetMs, () => {
      if (call.state === "ended") return;
      try {
        step.run(emulator.clock.now());
      } catch (error) {
        if (!(error instanceof PbxError)) throw error;
      }
    });
  }
  return call;
};

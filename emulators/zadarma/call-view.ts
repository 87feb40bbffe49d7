// How the control API shows a call.

import { callDurationSeconds, callStart } from "./notification-payloads";
import type { Account, Call } from "./types";
import { wavSize } from "./wav";

const iso = (epochMs: number | null): string | null =>
  epochMs === null ? null : new Date(epochMs).toISOString();

export const describeCall = (account: Account, call: Call) => ({
  pbx_call_id: call.pbxCallId,
  call_id: call.callId,
  direction: call.direction,
  origin: call.origin,
  caller: call.caller,
  destination: call.destination,
  extension: call.extension,
  state: call.state,
  client_leg: call.clientLeg,
  disposition: call.disposition,
  call_start: callStart(account, call),
  started_at: iso(call.startedAt),
  answered_at: iso(call.answeredAt),
  ended_at: iso(call.endedAt),
  duration: callDurationSeconds(call),
  talk_seconds:
    call.answeredAt !== null && call.endedAt !== null
      ? Math.round((call.endedAt - call.answeredAt) / 1000)
      : 0,
  legs: call.legs.map((leg) => ({
    extension: leg.extension,
    state: leg.state,
    started_at: iso(leg.startedAt),
    answered_at: iso(leg.answeredAt),
    ended_at: iso(leg.endedAt),
  })),
  recording: call.recording && {
    call_id_with_rec: call.recording.callIdWithRec,
    seconds: call.recording.seconds,
    bytes: wavSize(call.recording.seconds, call.recording.bytes),
    ready_at: iso(call.recording.readyAt),
  },
  notify: call.notify,
  live: call.live,
});

export type CallView = ReturnType<typeof describeCall>;

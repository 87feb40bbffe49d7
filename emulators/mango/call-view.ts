// How the control API shows a call.

import type { Account, Call } from "./types";

const iso = (epochMs: number | null): string | null =>
  epochMs === null || !Number.isFinite(epochMs) ? null : new Date(epochMs).toISOString();

export const describeCall = (_account: Account, call: Call) => ({
  entry_id: call.entryId,
  direction: call.direction,
  origin: call.origin,
  from_number: call.fromNumber,
  from_extension: call.fromExtension,
  to_number: call.toNumber,
  line_number: call.lineNumber,
  extension: call.extension,
  command_id: call.commandId,
  state: call.state,
  outcome: call.outcome,
  disconnect_reason: call.disconnectReason,
  started_at: iso(call.startedAt),
  answered_at: iso(call.answeredAt),
  ended_at: iso(call.endedAt),
  legs: call.legs.map((leg) => ({
    call_id: leg.callId,
    extension: leg.extension,
    state: leg.state,
    seq: leg.seq,
    disconnect_reason: leg.disconnectReason,
  })),
  recording: call.recording && {
    recording_id: call.recording.recordingId,
    call_id: call.recording.callId,
    extension: call.recording.extension,
    seconds: call.recording.seconds,
    ready_at: iso(call.recording.readyAt),
  },
  notify: call.notify,
  live: call.live,
});

export type CallView = ReturnType<typeof describeCall>;

// The `json` of each event the VPBX posts to the external system (the documented fields; the
// README marks the choices made where the public protocol is silent). Times are Unix seconds; numbers
// are digits; an extension's own phone is written as its SIP address.

import type { Account, Call, EventPath, Leg } from "./types";

export type MangoEvent = {
  path: EventPath;
  /** The call it belongs to (null for `ping`); a call's events leave one after another. */
  entryId: string | null;
  payload: Record<string, unknown>;
};

export const unixSeconds = (epochMs: number): number => Math.floor(epochMs / 1000);

export const sipAddress = (account: Account, extension: string): string =>
  `sip:${extension}@${account.id}.mangosip.ru`;

export type CallState = "Appeared" | "Connected" | "Disconnected";

/** `from` and `to` of a leg: who calls whom on this call_id. */
const parties = (account: Account, call: Call, leg: Leg) => {
  if (call.direction === "in") {
    return {
      from: { number: call.fromNumber },
      to: {
        extension: leg.extension ?? "",
        number: sipAddress(account, leg.extension ?? ""),
        line_number: call.lineNumber,
      },
    };
  }
  const extension = call.fromExtension ?? "";
  // The callback's first leg rings the employee; the second dials the client from the company line.
  return leg.extension === null
    ? {
        from: { extension, number: call.lineNumber },
        to: { number: call.toNumber, line_number: call.lineNumber },
      }
    : {
        from: { extension, number: call.lineNumber },
        to: { extension, number: sipAddress(account, extension), line_number: call.lineNumber },
      };
};

/** `events/call`: one per state change of one leg; `seq` counts the notifications of its call_id. */
export const callEvent = (
  account: Account,
  call: Call,
  leg: Leg,
  state: CallState,
  at: number,
): MangoEvent => {
  leg.seq += 1;
  return {
    path: "events/call",
    entryId: call.entryId,
    payload: {
      entry_id: call.entryId,
      call_id: leg.callId,
      timestamp: unixSeconds(at),
      seq: leg.seq,
      call_state: state,
      location: "abonent",
      ...parties(account, call, leg),
      dct: { number: "", type: 0 },
      ...(state === "Disconnected" && { disconnect_reason: leg.disconnectReason ?? 1100 }),
      ...(call.commandId !== null && { command_id: call.commandId }),
    },
  };
};

/** `events/summary`: the final record of the call. */
export const summaryEvent = (call: Call): MangoEvent => {
  const firstRing = call.legs[0]?.startedAt ?? call.startedAt;
  return {
    path: "events/summary",
    entryId: call.entryId,
    payload: {
      entry_id: call.entryId,
      call_direction: call.direction === "in" ? 1 : 2,
      from:
        call.direction === "in"
          ? { number: call.fromNumber }
          : { extension: call.fromExtension ?? "", number: call.lineNumber },
      to:
        call.direction === "in"
          ? { extension: call.extension ?? "", number: call.toNumber }
          : { number: call.toNumber },
      line_number: call.lineNumber,
      create_time: unixSeconds(call.startedAt),
      forward_time: unixSeconds(firstRing),
      talk_time: call.answeredAt === null ? 0 : unixSeconds(call.answeredAt),
      end_time: unixSeconds(call.endedAt ?? call.startedAt),
      entry_result: call.outcome === "answered" ? 1 : 0,
      disconnect_reason: call.disconnectReason ?? 1100,
      ...(call.commandId !== null && { command_id: call.commandId }),
    },
  };
};

/** `events/recording`: Started when the talk begins (seq 1), Completed when it ends (seq 2). */
export const recordingEvent = (
  call: Call,
  state: "Started" | "Completed",
  at: number,
): MangoEvent => {
  const recording = call.recording;
  return {
    path: "events/recording",
    entryId: call.entryId,
    payload: {
      recording_id: recording?.recordingId ?? "",
      recording_state: state,
      seq: state === "Started" ? 1 : 2,
      entry_id: call.entryId,
      call_id: recording?.callId ?? "",
      extension: recording?.extension ?? "",
      timestamp: unixSeconds(at),
      recipient: "Cloud",
      ...(state === "Completed" && { completion_code: 1000 }),
    },
  };
};

/** `events/record/added`: the file is in cloud storage and can be fetched. */
export const recordAddedEvent = (account: Account, call: Call, at: number): MangoEvent => ({
  path: "events/record/added",
  entryId: call.entryId,
  payload: {
    entry_id: call.entryId,
    product_id: account.productId,
    user_id: account.users.get(call.recording?.extension ?? "")?.userId ?? 0,
    recording_id: call.recording?.recordingId ?? "",
    timestamp: unixSeconds(at),
  },
});

/** `result/callback`: the outcome of `commands/callback`. */
export const callbackResultEvent = (
  entryId: string | null,
  commandId: string,
  result: number,
): MangoEvent => ({
  path: "result/callback",
  entryId,
  payload: { command_id: commandId, result },
});

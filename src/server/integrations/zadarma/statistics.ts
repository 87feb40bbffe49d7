import type { TCallEvent } from "@/server/domain/calls/call-event";

import { isRecord, toLooseBoolean, toText } from "./coerce";
import { normalizeZadarmaDisposition } from "./disposition";
import { parseZadarmaLocalTime } from "./local-time";
import { directionFromPbxCallId } from "./notification";
import { isPbxExtension, toCallPhone } from "./phone";

/**
 * One row of `statistics/pbx` version 2 (docs/telephony-zadarma.md, "Statistics"), with every id
 * kept as text. `callStart` is the account-local `callstart` as sent.
 */
export type TZadarmaStatisticsRow = {
  /** The leg's id; also the recording id when the leg was recorded (`call_id_with_rec`). */
  callId: string;
  pbxCallId: string;
  /** The extension (or SIP number) the leg used. */
  sip: string;
  callStart: string;
  /** The CallerID: the client's number on incoming calls, the number shown on outgoing ones. */
  clid: string;
  /** Where the leg went: an extension or scenario on incoming calls, the client's number on outgoing ones. */
  destination: string;
  disposition: string;
  seconds: number;
  isRecorded: boolean;
};

const CALL_START_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * A statistics row from the JSON the API sent, or the name of the first field that makes it
 * unusable. `is_recorded` is a boolean in the spec; `"1"`/`"true"`/`1` are read as true too.
 */
export const parseZadarmaStatisticsRow = (
  raw: unknown,
): { row: TZadarmaStatisticsRow } | { field: string } => {
  if (!isRecord(raw)) return { field: "row" };
  const row: TZadarmaStatisticsRow = {
    callId: toText(raw.call_id),
    pbxCallId: toText(raw.pbx_call_id),
    sip: toText(raw.sip),
    callStart: toText(raw.callstart),
    clid: toText(raw.clid),
    destination: toText(raw.destination),
    disposition: toText(raw.disposition),
    seconds: Number(raw.seconds),
    isRecorded: toLooseBoolean(raw.is_recorded),
  };
  if (row.callId === "") return { field: "call_id" };
  if (row.pbxCallId === "") return { field: "pbx_call_id" };
  if (!CALL_START_PATTERN.test(row.callStart)) return { field: "callstart" };
  if (row.disposition === "") return { field: "disposition" };
  if (!Number.isSafeInteger(row.seconds) || row.seconds < 0) return { field: "seconds" };
  return { row };
};

/**
 * A statistics row as a `summary` call event (docs/telephony-zadarma.md, "Statistics"), for
 * backfill and reconciliation through the same path as notifications. `at` is the call's start,
 * the only time a row carries. Throws a `RangeError` for an unreadable `callStart`, which
 * {@link parseZadarmaStatisticsRow} has already ruled out.
 */
export const statisticsRowToEvent = (
  row: TZadarmaStatisticsRow,
  context: { timeZone: string },
): TCallEvent => {
  const callStartedAt = parseZadarmaLocalTime(row.callStart, context.timeZone);
  if (callStartedAt === null)
    throw new RangeError(
      `Zadarma callstart ${JSON.stringify(row.callStart)} is not YYYY-MM-DD HH:MM:SS`,
    );
  const direction = directionFromPbxCallId(row.pbxCallId);
  const isOutgoing = direction === "outgoing";
  const asExtension = (value: string): string | null => (isPbxExtension(value) ? value : null);
  const asPhone = (value: string): string | null =>
    value === "" || isPbxExtension(value) ? null : toCallPhone(value);
  return {
    eventKey: `zadarma:${row.pbxCallId}:statistics:${row.callId}`,
    providerCallId: row.pbxCallId,
    kind: "summary",
    rawType: "statistics",
    direction,
    at: callStartedAt,
    callStartedAt,
    clientPhone: toCallPhone(isOutgoing ? row.destination : row.clid),
    // The row has no dialled number on incoming calls; on outgoing ones the CallerID is ours.
    companyNumber: isOutgoing ? asPhone(row.clid) : null,
    extension: isOutgoing ? asExtension(row.sip) : asExtension(row.destination),
    durationSeconds: row.seconds,
    disposition: normalizeZadarmaDisposition(row.disposition),
    rawDisposition: row.disposition,
    recordingRef: row.isRecorded ? row.callId : null,
    isRecorded: row.isRecorded,
    payload: {
      call_id: row.callId,
      pbx_call_id: row.pbxCallId,
      sip: row.sip,
      callstart: row.callStart,
      clid: row.clid,
      destination: row.destination,
      disposition: row.disposition,
      seconds: String(row.seconds),
      is_recorded: row.isRecorded ? "1" : "0",
    },
  };
};

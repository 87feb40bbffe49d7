// `statistics/pbx` (version 2): one row per ended call that started within [start, end] on the account's
// wall clock; at most one month, `skip`/`limit` (limit ≤ 1000, the default), optional `call_type`.
// Statistics spell the `failed` disposition `call failed` (README "Statistics").

import { addOneMonth, formatLocalDateTime, localDateTimeToEpoch, parseNaive } from "../datetime";
import type { Call } from "../types";
import type { RestHandler } from "./context";
import { RestError, success } from "./envelope";

const MAX_LIMIT = 1000;

const readBound = (params: URLSearchParams, name: string, fallback: string): string => {
  const value = params.get(name) ?? fallback;
  if (parseNaive(value) === null)
    throw new RestError(`wrong parameter '${name}': expected YYYY-MM-DD HH:MM:SS`);
  return value;
};

const readCount = (
  params: URLSearchParams,
  name: string,
  fallback: number,
  max: number,
): number => {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new RestError(`wrong parameter '${name}': expected 0…${max}`);
  return value;
};

/**
 * OpenAPI `statistics.pbx`: `destination` is "PBX extension or scenario" — on an incoming call the
 * extension that held it last, else the last one rung; on an outgoing call the number dialled.
 */
const destinationOf = (call: Call): string =>
  call.direction === "in"
    ? (call.extension ?? call.legs.at(-1)?.extension ?? "")
    : call.destination;

export const pbxStatistics: RestHandler = ({ emulator, account, params }) => {
  const now = formatLocalDateTime(emulator.clock.now(), account.timezone);
  const start = readBound(params, "start", `${now.slice(0, 8)}01 00:00:00`);
  const end = readBound(params, "end", now);
  if (end < start) throw new RestError("wrong period: 'end' is before 'start'");
  if (end > addOneMonth(start)) throw new RestError("wrong period: at most one month per request");
  const skip = readCount(params, "skip", 0, Number.MAX_SAFE_INTEGER);
  const limit = readCount(params, "limit", MAX_LIMIT, MAX_LIMIT);
  const callType = params.get("call_type");
  if (callType !== null && callType !== "in" && callType !== "out")
    throw new RestError("wrong parameter 'call_type': expected in or out");

  const from = localDateTimeToEpoch(start, account.timezone);
  const to = localDateTimeToEpoch(end, account.timezone) + 999;
  const rows = Array.from(account.calls.values())
    .filter((call) => call.state === "ended" && call.startedAt >= from && call.startedAt <= to)
    .filter((call) => callType === null || call.direction === callType)
    .sort(
      (left, right) =>
        left.startedAt - right.startedAt ||
        left.callId.localeCompare(right.callId, "en", { numeric: true }),
    )
    .slice(skip, skip + limit)
    .map((call: Call) => ({
      call_id: call.callId,
      sip: call.extension ?? "",
      callstart: formatLocalDateTime(call.startedAt, account.timezone),
      clid: call.caller,
      destination: destinationOf(call),
      disposition:
        call.disposition === "failed" ? "call failed" : (call.disposition ?? "call failed"),
      seconds:
        call.answeredAt !== null && call.endedAt !== null
          ? Math.round((call.endedAt - call.answeredAt) / 1000)
          : 0,
      is_recorded: call.recording !== null,
      pbx_call_id: call.pbxCallId,
    }));
  return success({ start, end, version: 2, stats: rows });
};

// Statistics: `stats/request` takes a period of at most one month and the fields wanted, and
// answers `{"key": …}`; `stats/result` with that key answers 204 until the report is ready
// (`stats_ready_ms` later), then 200 text: one row per call, the fields in the order asked, separated
// by `;`, rows by CRLF, no header (README "Statistics" for the choices).

import { randomBytes } from "node:crypto";

import { unixSeconds } from "../event-payloads";
import type { Account, Call } from "../types";
import type { ApiHandler } from "./context";
import { objectAt, optionalString, requiredString, unixSecondsParam } from "./params";
import { ApiError, RESULT } from "./results";

export const STATS_FIELDS = [
  "records",
  "start",
  "finish",
  "answer",
  "from_extension",
  "from_number",
  "to_extension",
  "to_number",
  "disconnect_reason",
  "line_number",
  "location",
  "create",
  "entry_id",
] as const;

type StatsField = (typeof STATS_FIELDS)[number];

const MAX_PERIOD_SECONDS = 31 * 24 * 3600;
/** A ready report stays available this long (the document promises at least a minute). */
const KEEP_MS = 5 * 60_000;

const row = (call: Call): Record<StatsField, string> => {
  const incoming = call.direction === "in";
  return {
    records: call.recording ? `[${call.recording.recordingId}]` : "",
    start: String(unixSeconds(call.startedAt)),
    finish: String(unixSeconds(call.endedAt ?? call.startedAt)),
    answer: String(call.answeredAt === null ? 0 : unixSeconds(call.answeredAt)),
    from_extension: incoming ? "" : (call.fromExtension ?? ""),
    from_number: call.fromNumber,
    to_extension: incoming ? (call.extension ?? "") : "",
    to_number: call.toNumber,
    disconnect_reason: String(call.disconnectReason ?? ""),
    line_number: call.lineNumber,
    location: "abonent",
    create: String(unixSeconds(call.startedAt)),
    entry_id: call.entryId,
  };
};

const readFields = (json: Record<string, unknown>): StatsField[] => {
  const raw = json.fields;
  if (raw === undefined || raw === null || raw === "") return [...STATS_FIELDS];
  const names = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === "string"
      ? raw.split(",")
      : null;
  if (!names) throw new ApiError(RESULT.badFormat, "fields must be a comma-separated list");
  return names.map((name) => {
    const field = name.trim();
    if (!(STATS_FIELDS as readonly string[]).includes(field))
      throw new ApiError(RESULT.badParams, `unknown field ${field}`);
    return field as StatsField;
  });
};

type PartyFilter = { extension: string | null; number: string | null };

const partyFilter = (json: Record<string, unknown>, name: string): PartyFilter => {
  const party = objectAt(json, name);
  return { extension: optionalString(party, "extension"), number: optionalString(party, "number") };
};

const matches = (filter: PartyFilter, extension: string, number: string): boolean =>
  (filter.extension === null || filter.extension === extension) &&
  (filter.number === null || filter.number === number);

export const buildCsv = (account: Account, json: Record<string, unknown>): string => {
  const from = unixSecondsParam(json, "date_from");
  const to = unixSecondsParam(json, "date_to");
  if (to < from) throw new ApiError(RESULT.badParams, "date_to is before date_from");
  if (to - from > MAX_PERIOD_SECONDS)
    throw new ApiError(RESULT.badParams, "the period is longer than one month");
  const fields = readFields(json);
  const fromFilter = partyFilter(json, "from");
  const toFilter = partyFilter(json, "to");
  const partyOf = partyFilter(json, "call_party");
  return Array.from(account.calls.values())
    .filter((call) => call.state === "ended")
    .filter((call) => {
      const start = unixSeconds(call.startedAt);
      return start >= from && start <= to;
    })
    .map(row)
    .filter(
      (values) =>
        matches(fromFilter, values.from_extension, values.from_number) &&
        matches(toFilter, values.to_extension, values.to_number) &&
        (matches(partyOf, values.from_extension, values.from_number) ||
          matches(partyOf, values.to_extension, values.to_number)),
    )
    .map((values) => fields.map((field) => values[field]).join(";"))
    .join("\r\n");
};

export const statsRequest: ApiHandler = ({ emulator, account, json }) => {
  const csv = buildCsv(account, json);
  const key = randomBytes(16).toString("hex");
  const readyAt = emulator.clock.now() + account.timings.statsReadyMs;
  emulator.state.stats.set(key, {
    accountId: account.id,
    readyAt,
    expiresAt: readyAt + KEEP_MS,
    csv,
  });
  return { kind: "json", body: { key } };
};

export const statsResult: ApiHandler = ({ emulator, account, json }) => {
  const key = requiredString(json, "key");
  const job = emulator.state.stats.get(key);
  const now = emulator.clock.now();
  if (!job || job.accountId !== account.id || job.expiresAt <= now)
    throw new ApiError(RESULT.unknownStatsKey, `no statistics for key ${key}`);
  if (job.readyAt > now) return { kind: "text", status: 204, contentType: "text/plain", body: "" };
  return { kind: "text", status: 200, contentType: "text/csv; charset=utf-8", body: job.csv };
};

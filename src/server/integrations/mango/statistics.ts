import type { TCallEvent } from "@/server/domain/calls/call-event";
import { isPbxExtension, toCallPhone } from "@/server/domain/calls/call-phone";

import { normalizeMangoDisposition } from "./disposition";

/**
 * The columns we ask `stats/request` for, in this order (docs/telephony-mango.md §10): `entry_id`
 * joins a row with the realtime events of the same call.
 */
export const MANGO_STATS_FIELDS = [
  "entry_id",
  "start",
  "finish",
  "answer",
  "from_extension",
  "from_number",
  "to_extension",
  "to_number",
  "disconnect_reason",
  "line_number",
  "records",
] as const;

export type TMangoStatsRow = Record<(typeof MANGO_STATS_FIELDS)[number], string>;

export type TMangoStatsParse = {
  rows: TMangoStatsRow[];
  /** Lines we could not use: 1-based line number and why. */
  invalidRows: { line: number; reason: string }[];
};

/** One CSV line split on `;`, honouring double quotes (a quote inside quotes is doubled). */
export function splitMangoCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let isQuoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (isQuoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") isQuoted = true;
    else if (char === ";") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/**
 * The `;`-separated CSV of `stats/result` (docs/telephony-mango.md §10), read with the columns in
 * the order we asked for them. A line with another number of cells, or without `entry_id` or a
 * start time, is reported, not fatal.
 */
export function parseMangoStatsCsv(
  csv: string,
  fields: readonly string[] = MANGO_STATS_FIELDS,
): TMangoStatsParse {
  const rows: TMangoStatsRow[] = [];
  const invalidRows: TMangoStatsParse["invalidRows"] = [];
  csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === "") return;
      const cells = splitMangoCsvLine(line);
      if (cells.length !== fields.length) {
        invalidRows.push({
          line: index + 1,
          reason: `${cells.length} cells, ${fields.length} expected`,
        });
        return;
      }
      const row = Object.fromEntries(
        MANGO_STATS_FIELDS.map((field) => [field, ""]),
      ) as TMangoStatsRow;
      fields.forEach((field, column) => {
        if (field in row) row[field as keyof TMangoStatsRow] = cells[column] ?? "";
      });
      if (row.entry_id === "") invalidRows.push({ line: index + 1, reason: "no entry_id" });
      else if (!/^\d+$/.test(row.start) || Number(row.start) <= 0)
        invalidRows.push({ line: index + 1, reason: "start is not a Unix time" });
      else rows.push(row);
    });
  return { rows, invalidRows };
}

const seconds = (value: string): number => (/^\d+$/.test(value) ? Number(value) : 0);

/** `records` as Mango writes it: `[id1,id2]` or a bare list; the first id, or null. */
const firstRecording = (records: string): string | null =>
  records
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((id) => id.trim())
    .find((id) => id !== "") ?? null;

/**
 * A statistics row as a neutral `summary` event (docs/telephony-mango.md §10, ours): keyed by the
 * call, its start and its parties, so a row read again (backfill, then the nightly run) is the
 * same event. The duration is the talk time, as for every provider's statistics.
 */
export function mangoStatsRowToEvent(row: TMangoStatsRow): TCallEvent {
  const start = seconds(row.start);
  const answer = seconds(row.answer);
  const finish = seconds(row.finish);
  const isOutgoing =
    row.from_extension !== "" &&
    row.to_extension === "" &&
    row.to_number !== "" &&
    !isPbxExtension(row.to_number);
  const recordingRef = firstRecording(row.records);
  const disconnectReason = /^\d+$/.test(row.disconnect_reason)
    ? Number(row.disconnect_reason)
    : null;
  const startedAt = new Date(start * 1000);
  return {
    eventKey: `mango:stats:${row.entry_id}:${row.start}:${row.from_extension || "-"}:${row.to_extension || "-"}:${row.to_number || "-"}`,
    providerCallId: row.entry_id,
    kind: "summary",
    rawType: "statistics",
    direction: isOutgoing ? "outgoing" : "incoming",
    at: startedAt,
    callStartedAt: startedAt,
    clientPhone: toCallPhone(isOutgoing ? row.to_number : row.from_number),
    companyNumber: toCallPhone(row.line_number),
    extension: (isOutgoing ? row.from_extension : row.to_extension) || null,
    durationSeconds: answer > 0 && finish >= answer ? finish - answer : 0,
    disposition: normalizeMangoDisposition(answer, disconnectReason),
    rawDisposition: `answer=${row.answer || "0"}; disconnect_reason=${row.disconnect_reason || "-"}`,
    recordingRef,
    isRecorded: recordingRef !== null,
    payload: Object.fromEntries(Object.entries(row).filter(([, value]) => value !== "")),
  };
}

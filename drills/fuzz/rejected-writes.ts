import type pg from "pg";

import {
  nextTransactionId,
  rowsWrittenSince,
  waitForQuietDatabase,
  windowOf,
  type TWrittenRow,
} from "../lib/database-writes";
import { isRejected, type TSentRequest } from "./run-requests";
import { sendFuzzRequest } from "./send";
import { REJECTION_RECORD_DETAILS, type TRejectionRecord } from "./target";

/** A refused request in whose window rows were written, by table. */
export type TSuspect = { sent: TSentRequest; rowsByTable: Map<string, number> };

const QUIET_TIMEOUT_MS = 3_000;
/** Replays per run at most; a run with more suspects than this is broken anyway. */
const MAX_REPLAYS = 25;
/** A suspect counts only when each replay writes again (background work lands anywhere once). */
const REPLAYS = 2;

const isKeptRecord = (row: TWrittenRow, records: readonly TRejectionRecord[]) =>
  records.some((record) => record.table === row.table && record.detail === row.detail);

const countByTable = (rows: readonly TWrittenRow[]) => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.table, (counts.get(row.table) ?? 0) + 1);
  return counts;
};

/**
 * The rows written during a run of requests, each in the window of the request before which its
 * transaction began writing: refused requests (4xx) with rows other than their target's kept
 * records are suspects; the kept records are counted by table for the log.
 */
export async function findRejectedWrites(
  sql: pg.Client,
  tables: readonly string[],
  run: { sent: readonly TSentRequest[]; endMark: number; records: readonly TRejectionRecord[] },
): Promise<{ suspects: TSuspect[]; keptRecords: Map<string, number> }> {
  const [first] = run.sent;
  if (!first) return { suspects: [], keptRecords: new Map() };
  if (run.endMark < first.mark) throw new Error("transaction ids wrapped around during the run");
  const marks = run.sent.map((sent) => sent.mark);
  const rows = (await rowsWrittenSince(sql, tables, first.mark, REJECTION_RECORD_DETAILS)).filter(
    (row) => row.xid < run.endMark,
  );
  const keptRows: TWrittenRow[] = [];
  const rowsBySent = new Map<TSentRequest, TWrittenRow[]>();
  for (const row of rows) {
    const sent = run.sent[windowOf(marks, row.xid)];
    if (!sent || !isRejected(sent.answer)) continue;
    if (isKeptRecord(row, run.records)) keptRows.push(row);
    else rowsBySent.set(sent, [...(rowsBySent.get(sent) ?? []), row]);
  }
  return {
    suspects: [...rowsBySent].map(([sent, written]) => ({
      sent,
      rowsByTable: countByTable(written),
    })),
    keptRecords: countByTable(keptRows),
  };
}

/** Sends a request again on a quiet database and returns its answer and the rows it wrote. */
async function replay(
  appUrl: string,
  sql: pg.Client,
  tables: readonly string[],
  sent: TSentRequest,
  records: readonly TRejectionRecord[],
) {
  await waitForQuietDatabase(sql, { timeoutMs: QUIET_TIMEOUT_MS });
  const from = await nextTransactionId(sql);
  const answer = await sendFuzzRequest(appUrl, sent.request);
  await waitForQuietDatabase(sql, { timeoutMs: QUIET_TIMEOUT_MS });
  const to = await nextTransactionId(sql);
  const rows = (await rowsWrittenSince(sql, tables, from, REJECTION_RECORD_DETAILS)).filter(
    (row) => row.xid < to && !isKeptRecord(row, records),
  );
  return { answer, tables: new Set(rows.map((row) => row.table)) };
}

/**
 * The suspects whose writes are theirs: each is sent again, twice, alone on a quiet database, and
 * counts when every replay is refused again and writes again to a table it wrote to the first
 * time. The inbox worker's retries and the scheduler write at times of their own, into whatever
 * window is open; they do not follow a request around.
 */
export async function confirmRejectedWrites(
  appUrl: string,
  sql: pg.Client,
  tables: readonly string[],
  suspects: readonly TSuspect[],
  records: readonly TRejectionRecord[],
): Promise<{ confirmed: TSuspect[]; unreplayed: number }> {
  const confirmed: TSuspect[] = [];
  for (const suspect of suspects.slice(0, MAX_REPLAYS)) {
    let isConfirmed = true;
    for (let attempt = 0; attempt < REPLAYS && isConfirmed; attempt += 1) {
      const again = await replay(appUrl, sql, tables, suspect.sent, records);
      isConfirmed =
        isRejected(again.answer) &&
        [...suspect.rowsByTable.keys()].some((table) => again.tables.has(table));
    }
    if (isConfirmed) confirmed.push(suspect);
  }
  return { confirmed, unreplayed: Math.max(0, suspects.length - MAX_REPLAYS) };
}

import type pg from "pg";

import { sleep } from "../../bench/lib/stats";

/**
 * Which request wrote which rows, without touching the app. PostgreSQL stamps every row version
 * with the id of the transaction that wrote it (`xmin`), and hands those ids out in increasing
 * order when a transaction first writes. So the next id noted before each request cuts the
 * writes into windows, one per request: a row whose `xmin` lies between request i's mark and
 * request i+1's was written by a transaction that began writing meanwhile. Ids are 32 bits in
 * `xmin`; a drill's few thousand requests never see them wrap (the caller checks).
 */
const XID_SPACE = 4_294_967_296;

export type TWrittenRow = { table: string; xid: number; detail: string | null };

/** The id the server will give the next transaction that writes (any database of the server). */
export async function nextTransactionId(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ next: string }>(
    `SELECT (txid_snapshot_xmax(txid_current_snapshot()) % ${XID_SPACE})::text AS next`,
  );
  return Number(rows[0]?.next);
}

/**
 * Waits until no other session of this database runs a statement or holds an open transaction,
 * twice in a row, or until `timeoutMs` passes; says whether it got quiet. Work the app does after
 * answering (the inbox worker, a tracker hit recorded after the 202) then lands in the window of
 * the request that caused it rather than in the next one.
 */
export async function waitForQuietDatabase(
  sql: pg.Client,
  { timeoutMs, intervalMs = 25 }: { timeoutMs: number; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quietPolls = 0;
  while (Date.now() < deadline) {
    const { rows } = await sql.query<{ busy: number }>(
      `SELECT count(*)::int AS busy FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (state = 'active' OR state LIKE 'idle in transaction%' OR backend_xid IS NOT NULL)`,
    );
    quietPolls = rows[0]?.busy === 0 ? quietPolls + 1 : 0;
    if (quietPolls >= 2) return true;
    await sleep(intervalMs);
  }
  return false;
}

/** The app's tables (schema `public`), without Prisma's migration log. */
export async function listAppTables(sql: pg.Client): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  return rows.map((row) => row.name);
}

/**
 * Every row version written since the transaction id `sinceXid`, table by table, with the SQL
 * expression `details[table]` evaluated on it where given (to tell kinds of rows apart).
 */
export async function rowsWrittenSince(
  sql: pg.Client,
  tables: readonly string[],
  sinceXid: number,
  details: Readonly<Record<string, string>> = {},
): Promise<TWrittenRow[]> {
  const written: TWrittenRow[] = [];
  for (const table of tables) {
    const { rows } = await sql.query<{ xid: string; detail: string | null }>(
      `SELECT ("xmin"::text)::bigint AS xid, (${details[table] ?? "NULL"})::text AS detail
         FROM "${table}" WHERE ("xmin"::text)::bigint >= $1`,
      [sinceXid],
    );
    for (const row of rows) written.push({ table, xid: Number(row.xid), detail: row.detail });
  }
  return written;
}

/**
 * The index of the window a transaction id falls in, given the windows' first ids in increasing
 * order; -1 before the first.
 */
export function windowOf(marks: readonly number[], xid: number): number {
  let low = 0;
  let high = marks.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((marks[middle] as number) <= xid) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

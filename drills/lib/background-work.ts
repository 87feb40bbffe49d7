import type { TSql } from "../../bench/lib/database";
import { log, waitUntil } from "../../bench/lib/stats";

/** What is left to do for some workspaces: inbox rows by state, recordings still to fetch. */
export type TBackgroundWork = {
  processed: number;
  /** `pending` or `processing`. */
  open: number;
  /** Pending and never claimed yet. */
  untried: number;
  failed: number;
  pendingRecordings: number;
};

export async function countBackgroundWork(
  sql: TSql,
  tenantIds: readonly string[],
): Promise<TBackgroundWork> {
  const {
    rows: [row],
  } = await sql.query<Record<keyof TBackgroundWork, string>>(
    `SELECT count(*) FILTER (WHERE "status" = 'processed') AS "processed",
       count(*) FILTER (WHERE "status" IN ('pending', 'processing')) AS "open",
       count(*) FILTER (WHERE "status" = 'pending' AND "attempts" = 0) AS "untried",
       count(*) FILTER (WHERE "status" = 'failed') AS "failed",
       (SELECT count(*) FROM "Call" WHERE "tenantId" = ANY($1::text[]) AND "recordingState" = 'pending') AS "pendingRecordings"
     FROM "WebhookDelivery" WHERE "tenantId" = ANY($1::text[])`,
    [tenantIds],
  );
  return {
    processed: Number(row?.processed ?? 0),
    open: Number(row?.open ?? 0),
    untried: Number(row?.untried ?? 0),
    failed: Number(row?.failed ?? 0),
    pendingRecordings: Number(row?.pendingRecordings ?? 0),
  };
}

/**
 * Waits (bounded) until the workspaces' background work reaches `isDone`: by default, no inbox row
 * pending or being processed and no recording waiting to be fetched. Logs the state every
 * `reportEveryMs`. Returns whether it got there.
 */
export async function waitForBackgroundWork(
  sql: TSql,
  tenantIds: readonly string[],
  {
    timeoutMs,
    reportEveryMs = 10_000,
    isDone = (work) => work.open === 0 && work.pendingRecordings === 0,
  }: { timeoutMs: number; reportEveryMs?: number; isDone?: (work: TBackgroundWork) => boolean },
): Promise<boolean> {
  let reportedAt = Date.now();
  return waitUntil(
    async () => {
      const work = await countBackgroundWork(sql, tenantIds);
      if (Date.now() - reportedAt >= reportEveryMs) {
        reportedAt = Date.now();
        log(
          `background work: ${work.open} deliveries open (${work.untried} not tried yet), ${work.processed} processed, ${work.failed} failed; ${work.pendingRecordings} recordings to fetch`,
        );
      }
      return isDone(work);
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/**
 * How hard the retries worked for some workspaces: deliveries claimed more than once (a failed
 * attempt retried, or a claim of a killed process taken over) and the failed attempts by error.
 */
export async function summarizeAttempts(sql: TSql, tenantIds: readonly string[]) {
  const {
    rows: [claims],
  } = await sql.query<{ reclaimed: string; maxAttempts: string | null }>(
    `SELECT count(*) FILTER (WHERE "attempts" > 1) AS "reclaimed", max("attempts") AS "maxAttempts"
     FROM "WebhookDelivery" WHERE "tenantId" = ANY($1::text[])`,
    [tenantIds],
  );
  const { rows: errors } = await sql.query<{ errorCode: string; count: string }>(
    `SELECT "errorCode", count(*) FROM "DeliveryAttemptError" WHERE "tenantId" = ANY($1::text[]) GROUP BY "errorCode" ORDER BY count(*) DESC`,
    [tenantIds],
  );
  return {
    reclaimed: Number(claims?.reclaimed ?? 0),
    maxAttempts: Number(claims?.maxAttempts ?? 0),
    failedAttempts: Object.fromEntries(errors.map((row) => [row.errorCode, Number(row.count)])),
  };
}

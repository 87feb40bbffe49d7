import type pg from "pg";

import { sleep } from "../../bench/lib/stats";
import { nextTransactionId, waitForQuietDatabase } from "../lib/database-writes";
import type { TLineLog } from "../lib/line-log";
import type { TRawAnswer } from "../lib/raw-http";
import type { TServerGuard } from "../lib/server-guard";
import { sendFuzzRequest } from "./send";
import type { TFuzzRequest, TFuzzTarget } from "./target";

export type TSentRequest = {
  target: string;
  /** Its place in the target's generated sequence (reproducible from the seed). */
  index: number;
  request: TFuzzRequest;
  /** The database's next transaction id just before it was sent: where its window of writes begins. */
  mark: number;
  answer: TRawAnswer;
  /** What the server wrote to stderr while the request was in flight. */
  serverLines: string[];
};

/** The server died or hung during the requests from `sinceIndex` to the one `after`. */
export type TCrash = { after: TSentRequest; sinceIndex: number };

/** The liveness probe runs after this many requests, and after any request that got no answer. */
const CHECK_EVERY = 50;
/** How long an accepted request's after-answer work may take to finish before the next request. */
const SETTLE_TIMEOUT_MS = 2_000;
const LOG_LAG_MS = 50;

export const isRejected = (answer: TRawAnswer): boolean =>
  answer.status !== null && answer.status >= 400 && answer.status < 500;

/**
 * Sends a target's requests one at a time, each after noting the database's next transaction id
 * (its window of writes), and watches the server between them. Returns what was sent and answered,
 * the crashes seen (with the requests that may have caused them), and where the last window ends.
 */
export async function runRequests(options: {
  target: TFuzzTarget;
  requests: readonly TFuzzRequest[];
  firstIndex: number;
  server: TServerGuard;
  serverLog: TLineLog;
  sql: pg.Client;
}): Promise<{ sent: TSentRequest[]; crashes: TCrash[]; endMark: number }> {
  const { target, requests, firstIndex, server, serverLog, sql } = options;
  const sent: TSentRequest[] = [];
  const crashes: TCrash[] = [];
  let lastCheckedIndex = firstIndex;
  for (const [offset, request] of requests.entries()) {
    const index = firstIndex + offset;
    const mark = await nextTransactionId(sql);
    const logPosition = serverLog.position();
    const answer = await sendFuzzRequest(server.url(), request);
    const isFailed = answer.status === null || answer.status >= 500;
    // The server logs before it answers, but its stderr reaches us through a pipe of its own.
    if (isFailed) await sleep(LOG_LAG_MS);
    const serverLines = isFailed ? serverLog.since(logPosition) : [];
    sent.push({ target: target.name, index, request, mark, answer, serverLines });
    if (target.writesAfterAnswer && answer.status !== null && answer.status < 400)
      await waitForQuietDatabase(sql, { timeoutMs: SETTLE_TIMEOUT_MS });
    const isDue =
      answer.status === null || (offset + 1) % CHECK_EVERY === 0 || offset === requests.length - 1;
    if (isDue) {
      if (await server.check())
        crashes.push({ after: sent.at(-1) as TSentRequest, sinceIndex: lastCheckedIndex });
      lastCheckedIndex = index + 1;
    }
  }
  await waitForQuietDatabase(sql, { timeoutMs: SETTLE_TIMEOUT_MS });
  return { sent, crashes, endMark: await nextTransactionId(sql) };
}

import { log, waitUntil } from "../../bench/lib/stats";
import {
  createAtLeastOnceSender,
  type TDrillRequest,
  type TSendReport,
} from "../lib/at-least-once-sender";

/** How the drill's providers retry an unacknowledged request: soon at first, then every 30 s, for 10 minutes. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
const GIVE_UP_AFTER_MS = 10 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 5_000;

/**
 * Sends the requests as providers that retry would (drills/lib/at-least-once-sender.ts) and, once
 * `killAt` of them have gone out, kills the app with SIGKILL and starts it again while the sending
 * goes on. Resolves when every request is acknowledged or given up, with the seconds from the kill
 * to the restarted app's first healthy answer, and when the kill was sent.
 */
export async function sendThroughACrash(
  requests: readonly TDrillRequest[],
  app: { killAndRestart: () => Promise<number> },
  options: { perSecond: number; concurrency: number; killAt: number },
): Promise<{ report: TSendReport; restartSeconds: number; killedAt: number }> {
  const sender = createAtLeastOnceSender(requests, {
    concurrency: options.concurrency,
    perSecond: options.perSecond,
    retryDelaysMs: RETRY_DELAYS_MS,
    giveUpAfterMs: GIVE_UP_AFTER_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  const reportProgress = setInterval(() => {
    const progress = sender.progress();
    log(
      `sending: ${progress.started}/${requests.length} out, ${progress.sent} requests sent, ${progress.acknowledged} acknowledged, ${progress.waitingForRetry} waiting for a retry`,
    );
  }, PROGRESS_EVERY_MS);
  const killAfter = Math.floor(requests.length * options.killAt);
  let killedAt = Number.NaN;
  const crash = (async () => {
    await waitUntil(async () => sender.progress().started >= killAfter, {
      timeoutMs: GIVE_UP_AFTER_MS,
      intervalMs: 20,
    });
    log(`SIGKILL to the app after ${sender.progress().started} requests, then next start again`);
    killedAt = Date.now();
    const seconds = await app.killAndRestart();
    log(`the app answered /api/health again ${seconds.toFixed(1)} s after the kill`);
    return seconds;
  })();
  const [report, restartSeconds] = await Promise.all([sender.run(), crash]).finally(() =>
    clearInterval(reportProgress),
  );
  const unacknowledged = report.outcomes.filter((outcome) => !outcome.isAcknowledged);
  log(
    `sending done: ${report.sent} requests, ${report.acknowledged} acknowledged; answers ${JSON.stringify(report.answers)}; ` +
      `${unacknowledged.length} never acknowledged` +
      (unacknowledged.length > 0
        ? ` (last answers ${JSON.stringify(unacknowledged.slice(0, 5).map((outcome) => outcome.lastAnswer))})`
        : ""),
  );
  return { report, restartSeconds, killedAt };
}

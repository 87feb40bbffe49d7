import { sleep } from "../../bench/lib/stats";

/** One request a provider sends to us (a webhook, a signed notification). */
export type TDrillRequest = {
  url: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
};

export type TSenderOptions = {
  /** Requests in flight at most. */
  concurrency: number;
  /** New requests per second: events happen at their own pace, retries come on top. */
  perSecond: number;
  /** The wait before each retry, by retries made so far; the last one repeats. */
  retryDelaysMs: readonly number[];
  /** A request still unacknowledged this long after its first try is given up. */
  giveUpAfterMs: number;
  requestTimeoutMs: number;
};

/** What became of one request. */
export type TRequestOutcome = {
  attempts: number;
  isAcknowledged: boolean;
  /** The last answer: a status code, or `error: …` when none came. */
  lastAnswer: string;
};

export type TSendReport = {
  /** Attempts sent, retries included. */
  sent: number;
  /** Attempts answered 200. */
  acknowledged: number;
  /** Attempts by answer (`200`, `503`, `error: fetch failed`, …). */
  answers: Record<string, number>;
  outcomes: TRequestOutcome[];
};

/** A network failure, a timeout, 429 or 5xx: the receiver could not take it now, so try again. */
const isWorthRetrying = (answer: string) =>
  answer.startsWith("error") || answer === "429" || answer.startsWith("5");

/**
 * Sends every request at least once, as a provider that wants its events delivered does: new ones
 * at `perSecond`, `concurrency` at a time; one not answered 200 (no answer, 429, 5xx) is tried
 * again after a delay that grows, until acknowledged or `giveUpAfterMs` after its first try, while
 * new ones keep going out. Any other answer (a 4xx) is final. `progress()` tells how far it got.
 */
export function createAtLeastOnceSender(
  requests: readonly TDrillRequest[],
  options: TSenderOptions,
) {
  const outcomes: TRequestOutcome[] = requests.map(() => ({
    attempts: 0,
    isAcknowledged: false,
    lastAnswer: "",
  }));
  const firstTriedAt: number[] = [];
  const answers = new Map<string, number>();
  /** Requests waiting for their next try, with when it is due. */
  const retries: { index: number; dueAt: number }[] = [];
  let nextNew = 0;
  let sent = 0;
  let acknowledged = 0;
  let startedAt = 0;

  const send = async (request: TDrillRequest): Promise<string> => {
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      await response.arrayBuffer();
      return String(response.status);
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return `error: ${cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.name) : String(cause)}`;
    }
  };

  const takeDueRetry = (now: number): number | undefined => {
    let earliest = -1;
    for (const [position, retry] of retries.entries())
      if (retry.dueAt <= now && (earliest < 0 || retry.dueAt < retries[earliest]!.dueAt))
        earliest = position;
    return earliest < 0 ? undefined : retries.splice(earliest, 1)[0]!.index;
  };

  const attempt = async (index: number) => {
    const outcome = outcomes[index]!;
    firstTriedAt[index] ??= Date.now();
    const answer = await send(requests[index]!);
    sent += 1;
    outcome.attempts += 1;
    outcome.lastAnswer = answer;
    answers.set(answer, (answers.get(answer) ?? 0) + 1);
    if (answer === "200") {
      outcome.isAcknowledged = true;
      acknowledged += 1;
      return;
    }
    const delay =
      options.retryDelaysMs[Math.min(outcome.attempts, options.retryDelaysMs.length) - 1] ?? 0;
    const dueAt = Date.now() + delay;
    if (isWorthRetrying(answer) && dueAt - firstTriedAt[index]! <= options.giveUpAfterMs)
      retries.push({ index, dueAt });
  };

  const worker = async () => {
    for (;;) {
      const now = Date.now();
      const retry = takeDueRetry(now);
      if (retry !== undefined) {
        await attempt(retry);
      } else if (nextNew < requests.length) {
        const index = nextNew++;
        await sleep(startedAt + (index * 1000) / options.perSecond - now);
        await attempt(index);
      } else if (retries.length > 0) {
        await sleep(Math.max(10, Math.min(...retries.map((due) => due.dueAt)) - now));
      } else {
        return;
      }
    }
  };

  return {
    /** Sends everything; resolves once every request is acknowledged, refused or given up. */
    run: async (): Promise<TSendReport> => {
      startedAt = Date.now();
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      return { sent, acknowledged, answers: Object.fromEntries(answers), outcomes };
    },
    progress: () => ({
      /** New requests started so far (not retries). */
      started: nextNew,
      sent,
      acknowledged,
      waitingForRetry: retries.length,
    }),
  };
}

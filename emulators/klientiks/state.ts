// Everything `POST /__control/reset` wipes (klientiks-contract §17.3): accounts with their data,
// faults, logs, counters, and the in-flight webhook deliveries.

import { createFaultStore, type FaultStore } from "./faults";
import { createIdSequences, type NextId } from "./ids";
import type { Logger } from "./logger";
import { createRandom, type Random } from "./random";
import { createRequestLog, type RequestLog } from "./request-log";
import { createStatsRecorder, type StatsRecorder } from "./stats";
import { createThrottle, type Throttle } from "./throttle";
import type { Account } from "./types";
import { createWebhookDispatcher, type WebhookDispatcher } from "./webhooks";

export type EmulatorState = {
  /** Keyed by the 12-hex API `account_id`. */
  accounts: Map<string, Account>;
  nextId: NextId;
  random: Random;
  faults: FaultStore;
  requests: RequestLog;
  stats: StatsRecorder;
  throttle: Throttle;
  webhooks: WebhookDispatcher;
};

export const createState = (seed: number, logger: Logger): EmulatorState => {
  const nextId = createIdSequences();
  const random = createRandom(seed);
  return {
    accounts: new Map(),
    nextId,
    random,
    faults: createFaultStore(random, () => nextId("fault")),
    requests: createRequestLog(),
    stats: createStatsRecorder(),
    throttle: createThrottle(),
    webhooks: createWebhookDispatcher(logger, () => nextId("delivery")),
  };
};

/** The first account in which `pick` finds something, with what it found. */
export const findInAccounts = <Found>(
  state: EmulatorState,
  pick: (account: Account) => Found | undefined,
): { account: Account; found: Found } | null => {
  for (const account of state.accounts.values()) {
    const found = pick(account);
    if (found !== undefined) return { account, found };
  }
  return null;
};

export const findAccountBySlug = (state: EmulatorState, slug: string): Account | undefined =>
  Array.from(state.accounts.values()).find((account) => account.settings.widgetSlug === slug);

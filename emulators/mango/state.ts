// Everything `POST /__control/reset` wipes: accounts with their calls, faults, the request log, rate
// windows, the lockout, one-time recording links, statistics jobs, timers and in-flight events.

import type { Logger } from "../zadarma/logger";
import { createRandom, type Random } from "../zadarma/random";
import { createTimers, type Timers } from "../zadarma/timers";
import { createEventDispatcher, type EventDispatcher } from "./events";
import { createApiFaults, createEventFaults, type ApiFaults, type EventFaults } from "./faults";
import { createRateLimiter, type RateLimiter } from "./limits";
import { createLockout, type Lockout } from "./lockout";
import { createRequestLog, type RequestLog } from "./request-log";
import type { Account } from "./types";

/** A one-time link handed out by `queries/recording/post`. */
export type RecordingLink = {
  accountId: string;
  entryId: string;
  action: "download" | "play";
  expiresAt: number;
  used: boolean;
};

/** A `stats/request` waiting for its `stats/result`. */
export type StatsJob = { accountId: string; readyAt: number; expiresAt: number; csv: string };

export type EmulatorState = {
  accounts: Map<string, Account>;
  random: Random;
  apiFaults: ApiFaults;
  eventFaults: EventFaults;
  requests: RequestLog;
  rateLimiter: RateLimiter;
  lockout: Lockout;
  /** By the token in `/files/recording/{token}/{name}`. */
  links: Map<string, RecordingLink>;
  /** By the `key` of `stats/request`. */
  stats: Map<string, StatsJob>;
  timers: Timers;
  events: EventDispatcher;
  nextId(sequence: "product" | "user" | "entry" | "leg" | "delivery" | "fault"): number;
};

const FIRST_PRODUCT_ID = 400_100;
const FIRST_USER_ID = 500_000;

export const createState = (seed: number, logger: Logger): EmulatorState => {
  const counters = {
    product: FIRST_PRODUCT_ID,
    user: FIRST_USER_ID,
    entry: 0,
    leg: 0,
    delivery: 0,
    fault: 0,
  };
  const nextId = (sequence: keyof typeof counters): number => ++counters[sequence];
  const random = createRandom(seed);
  const timers = createTimers((error) => logger.error("timer task failed", error));
  const eventFaults = createEventFaults(random, () => nextId("fault"));
  return {
    accounts: new Map(),
    random,
    apiFaults: createApiFaults(random, () => nextId("fault")),
    eventFaults,
    requests: createRequestLog(),
    rateLimiter: createRateLimiter(),
    lockout: createLockout(),
    links: new Map(),
    stats: new Map(),
    timers,
    events: createEventDispatcher({
      logger,
      timers,
      faults: eventFaults,
      random,
      nextDeliveryId: () => nextId("delivery"),
    }),
    nextId,
  };
};

export const disposeState = (state: EmulatorState): void => {
  state.timers.cancelAll();
  state.events.cancelAll();
};

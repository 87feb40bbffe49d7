// Everything `POST /__control/reset` wipes: accounts with their calls, faults, logs, rate-limit windows,
// recording links, pending timers and in-flight notifications.

import {
  createFaultList,
  isFinalRestFault,
  matchesRestFault,
  matchesWebhookFault,
  type RestFaults,
  type WebhookFaults,
} from "./faults";
import type { Logger } from "./logger";
import { createNotificationDispatcher, type NotificationDispatcher } from "./notifications";
import { createRandom, type Random } from "./random";
import { createRateLimiter, type RateLimiter } from "./rate-limit";
import { createRequestLog, type RequestLog } from "./request-log";
import { createTimers, type Timers } from "./timers";
import type { Account } from "./types";

/** A download link handed out by `pbx/record/request`. */
export type RecordingLink = { accountId: string; pbxCallId: string; expiresAt: number };

export type EmulatorState = {
  accounts: Map<string, Account>;
  random: Random;
  restFaults: RestFaults;
  webhookFaults: WebhookFaults;
  requests: RequestLog;
  rateLimiter: RateLimiter;
  /** By the opaque token in `/v1/pbx/record/download/{token}/{name}`. */
  links: Map<string, RecordingLink>;
  timers: Timers;
  notifications: NotificationDispatcher;
  nextId(sequence: "pbx" | "call" | "delivery" | "fault"): number;
};

const FIRST_PBX_ID = 12_345;

export const createState = (seed: number, logger: Logger): EmulatorState => {
  const counters = { pbx: FIRST_PBX_ID, call: 0, delivery: 0, fault: 0 };
  const nextId = (sequence: keyof typeof counters): number => ++counters[sequence];
  const random = createRandom(seed);
  const timers = createTimers((error) => logger.error("timer task failed", error));
  const webhookFaults: WebhookFaults = createFaultList(
    random,
    () => nextId("fault"),
    matchesWebhookFault,
  );
  return {
    accounts: new Map(),
    random,
    restFaults: createFaultList(random, () => nextId("fault"), matchesRestFault, isFinalRestFault),
    webhookFaults,
    requests: createRequestLog(),
    rateLimiter: createRateLimiter(),
    links: new Map(),
    timers,
    notifications: createNotificationDispatcher({
      logger,
      timers,
      faults: webhookFaults,
      random,
      nextDeliveryId: () => nextId("delivery"),
    }),
    nextId,
  };
};

export const disposeState = (state: EmulatorState): void => {
  state.timers.cancelAll();
  state.notifications.cancelAll();
};

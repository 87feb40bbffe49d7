// Accounts: API key and secret, balance, time zone, company numbers, extensions, notification settings,
// timings of the live PBX and the per-minute REST budgets.

import { randomBytes } from "node:crypto";

import { describeClientScripts } from "../common/control";
import { DEFAULT_TIMEZONE } from "./datetime";
import {
  NOTIFY_EVENTS,
  type Account,
  type ClientScript,
  type Extension,
  type NotifyEvent,
  type RateLimits,
  type Timings,
} from "./types";

export const DEFAULT_TIMINGS: Timings = {
  ringTimeoutMs: 20_000,
  recordDelayMs: 5_000,
  maxTalkMs: 600_000,
};

/** Zadarma's published budgets (OpenAPI description): 100 requests/min, 3/min for statistics. */
export const DEFAULT_RATE_LIMITS: RateLimits = { generalPerMinute: 100, statisticsPerMinute: 3 };

/** The callback's client answers after about 2 s and stays until the extension hangs up. */
export const DEFAULT_CLIENT_SCRIPT: ClientScript = {
  mode: "answer",
  answerAfterMs: 2_000,
  hangupAfterMs: null,
};

export type AccountInit = {
  id?: string;
  key?: string;
  secret?: string;
  balance?: number;
  currency?: string;
  timezone?: string;
  notificationUrl?: string | null;
  enabledEvents?: NotifyEvent[];
  numbers?: string[];
  extensions?: Array<{ number: string; name?: string; online?: boolean }>;
  timings?: Partial<Timings>;
  rateLimits?: Partial<RateLimits>;
};

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

export const toExtension = ({
  number,
  name,
  online,
}: {
  number: string;
  name?: string;
  online?: boolean;
}): Extension => ({
  number,
  name: name ?? `Extension ${number}`,
  online: online ?? true,
});

export const createAccount = (
  accounts: Map<string, Account>,
  pbxId: number,
  init: AccountInit,
): Account => {
  const id = init.id ?? String(pbxId);
  const account: Account = {
    id,
    // Zadarma keys and secrets are 20 lowercase hex characters.
    key: init.key ?? hex(10),
    secret: init.secret ?? hex(10),
    pbxId,
    balance: init.balance ?? 100,
    currency: init.currency ?? "RUB",
    timezone: init.timezone ?? DEFAULT_TIMEZONE,
    numbers: init.numbers ?? [],
    extensions: new Map(
      (init.extensions ?? []).map((extension) => [extension.number, toExtension(extension)]),
    ),
    notificationUrl: init.notificationUrl ?? null,
    enabledEvents: new Set(init.enabledEvents ?? NOTIFY_EVENTS),
    timings: { ...DEFAULT_TIMINGS, ...init.timings },
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...init.rateLimits },
    clientScripts: new Map([["*", DEFAULT_CLIENT_SCRIPT]]),
    calls: new Map(),
    deliveries: [],
  };
  accounts.set(id, account);
  return account;
};

export const findAccountByKey = (
  accounts: Map<string, Account>,
  key: string,
): Account | undefined => Array.from(accounts.values()).find((account) => account.key === key);

export const clientScriptFor = (account: Account, number: string): ClientScript =>
  account.clientScripts.get(number) ?? account.clientScripts.get("*") ?? DEFAULT_CLIENT_SCRIPT;

export const describeAccount = (account: Account) => ({
  id: account.id,
  key: account.key,
  secret: account.secret,
  pbx_id: account.pbxId,
  balance: account.balance,
  currency: account.currency,
  timezone: account.timezone,
  numbers: account.numbers,
  extensions: Array.from(account.extensions.values()),
  notification_url: account.notificationUrl,
  enabled_events: NOTIFY_EVENTS.filter((event) => account.enabledEvents.has(event)),
  timings: {
    ring_timeout_ms: account.timings.ringTimeoutMs,
    record_delay_ms: account.timings.recordDelayMs,
    max_talk_ms: account.timings.maxTalkMs,
  },
  rate_limits: {
    general_per_minute: account.rateLimits.generalPerMinute,
    statistics_per_minute: account.rateLimits.statisticsPerMinute,
  },
  client_scripts: describeClientScripts(account.clientScripts),
});

export type AccountView = ReturnType<typeof describeAccount>;

// Accounts (VPBX products): API key and salt, company numbers, users with extensions, the
// external-system address, the event order switch and the timings of the live PBX.

import { randomBytes } from "node:crypto";

import { describeClientScripts } from "../common/control";
import type { Account, ClientScript, EventOrder, Timings, User } from "./types";

export const DEFAULT_TIMINGS: Timings = {
  ringTimeoutMs: 20_000,
  recordDelayMs: 3_000,
  callbackResultDelayMs: 1_000,
  statsReadyMs: 2_000,
  maxTalkMs: 600_000,
};

/** The callback's client answers after about 2 s and stays until the extension hangs up. */
export const DEFAULT_CLIENT_SCRIPT: ClientScript = {
  mode: "answer",
  answerAfterMs: 2_000,
  hangupAfterMs: null,
};

export type UserInit = {
  extension: string;
  name?: string;
  position?: string;
  department?: string;
  online?: boolean;
  autoAnswerMs?: number | null;
};

export type AccountInit = {
  id?: string;
  key?: string;
  salt?: string;
  numbers?: string[];
  users?: UserInit[];
  eventsUrl?: string | null;
  eventOrder?: EventOrder;
  timings?: Partial<Timings>;
};

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

export const toUser = (init: UserInit, userId: number): User => ({
  userId,
  extension: init.extension,
  name: init.name ?? `Сотрудник ${init.extension}`,
  position: init.position ?? "",
  department: init.department ?? "",
  online: init.online ?? true,
  autoAnswerMs: init.autoAnswerMs ?? null,
});

export const createAccount = (
  accounts: Map<string, Account>,
  productId: number,
  nextUserId: () => number,
  init: AccountInit,
): Account => {
  const id = init.id ?? String(productId);
  const account: Account = {
    id,
    // Mango's keys and salts are 32 lowercase hex characters.
    key: init.key ?? hex(16),
    salt: init.salt ?? hex(16),
    productId,
    numbers: init.numbers ?? [],
    users: new Map((init.users ?? []).map((user) => [user.extension, toUser(user, nextUserId())])),
    eventsUrl: init.eventsUrl ?? null,
    eventOrder: init.eventOrder ?? "in_order",
    timings: { ...DEFAULT_TIMINGS, ...init.timings },
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

/** An account by id, or by its API key (what the app that connected it knows). */
export const findAccount = (accounts: Map<string, Account>, idOrKey: string): Account | undefined =>
  accounts.get(idOrKey) ?? findAccountByKey(accounts, idOrKey);

export const clientScriptFor = (account: Account, number: string): ClientScript =>
  account.clientScripts.get(number) ?? account.clientScripts.get("*") ?? DEFAULT_CLIENT_SCRIPT;

export const describeUser = (user: User) => ({
  user_id: user.userId,
  extension: user.extension,
  name: user.name,
  position: user.position,
  department: user.department,
  online: user.online,
  auto_answer_ms: user.autoAnswerMs,
});

export const describeAccount = (account: Account) => ({
  id: account.id,
  key: account.key,
  salt: account.salt,
  product_id: account.productId,
  numbers: account.numbers,
  users: Array.from(account.users.values()).map(describeUser),
  events_url: account.eventsUrl,
  event_order: account.eventOrder,
  timings: {
    ring_timeout_ms: account.timings.ringTimeoutMs,
    record_delay_ms: account.timings.recordDelayMs,
    callback_result_delay_ms: account.timings.callbackResultDelayMs,
    stats_ready_ms: account.timings.statsReadyMs,
    max_talk_ms: account.timings.maxTalkMs,
  },
  client_scripts: describeClientScripts(account.clientScripts),
});

export type AccountView = ReturnType<typeof describeAccount>;
export type UserView = ReturnType<typeof describeUser>;

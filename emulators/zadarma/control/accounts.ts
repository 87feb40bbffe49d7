// Accounts, extensions and callback client scripts.

import type { z } from "zod";

import { applyClientScript } from "../../common/control";
import { createAccount, describeAccount, toExtension, type AccountInit } from "../accounts";
import {
  clientScriptBody,
  createAccountBody,
  extensionBody,
  patchAccountBody,
  patchExtensionBody,
} from "../control-schemas";
import { demoLayout } from "../demo-seed";
import type { Account } from "../types";
import { ControlError, parseBody, requireAccount, type ControlHandler } from "./shared";

type Settings = z.output<typeof patchAccountBody>;

const toInit = (input: Settings): AccountInit => ({
  key: input.key,
  secret: input.secret,
  balance: input.balance,
  currency: input.currency,
  timezone: input.timezone,
  notificationUrl: input.notification_url,
  enabledEvents: input.enabled_events,
  numbers: input.numbers,
  timings: input.timings && {
    ...(input.timings.ring_timeout_ms !== undefined && {
      ringTimeoutMs: input.timings.ring_timeout_ms,
    }),
    ...(input.timings.record_delay_ms !== undefined && {
      recordDelayMs: input.timings.record_delay_ms,
    }),
    ...(input.timings.max_talk_ms !== undefined && { maxTalkMs: input.timings.max_talk_ms }),
  },
  rateLimits: input.rate_limits && {
    ...(input.rate_limits.general_per_minute !== undefined && {
      generalPerMinute: input.rate_limits.general_per_minute,
    }),
    ...(input.rate_limits.statistics_per_minute !== undefined && {
      statisticsPerMinute: input.rate_limits.statistics_per_minute,
    }),
  },
});

const keyTaken = (
  accounts: Map<string, Account>,
  key: string | undefined,
  self?: Account,
): boolean =>
  key !== undefined &&
  Array.from(accounts.values()).some((account) => account.key === key && account !== self);

export const createAccountRoute: ControlHandler = ({ emulator, body }) => {
  const input = parseBody(createAccountBody, body);
  const { accounts } = emulator.state;
  if (input.id !== undefined && accounts.has(input.id))
    throw new ControlError(409, `Account ${input.id} already exists`);
  if (keyTaken(accounts, input.key)) throw new ControlError(409, "Another account uses this key");
  const init = toInit(input);
  const account = createAccount(accounts, emulator.state.nextId("pbx"), {
    ...(input.demo ? demoLayout() : {}),
    ...Object.fromEntries(Object.entries(init).filter(([, value]) => value !== undefined)),
    id: input.id,
    ...(input.extensions && { extensions: input.extensions }),
  });
  return { status: 201, body: describeAccount(account) };
};

export const listAccountsRoute: ControlHandler = ({ emulator }) => ({
  body: Array.from(emulator.state.accounts.values()).map(describeAccount),
});

export const getAccountRoute: ControlHandler = (request) => ({
  body: describeAccount(requireAccount(request)),
});

export const patchAccountRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(patchAccountBody, request.body);
  if (keyTaken(request.emulator.state.accounts, input.key, account))
    throw new ControlError(409, "Another account uses this key");
  const init = toInit(input);
  if (init.key !== undefined) account.key = init.key;
  if (init.secret !== undefined) account.secret = init.secret;
  if (init.balance !== undefined) account.balance = init.balance;
  if (init.currency !== undefined) account.currency = init.currency;
  if (init.timezone !== undefined) account.timezone = init.timezone;
  if (init.notificationUrl !== undefined) account.notificationUrl = init.notificationUrl;
  if (init.enabledEvents !== undefined) account.enabledEvents = new Set(init.enabledEvents);
  if (init.numbers !== undefined) account.numbers = init.numbers;
  account.timings = { ...account.timings, ...init.timings };
  account.rateLimits = { ...account.rateLimits, ...init.rateLimits };
  return { body: describeAccount(account) };
};

export const addExtensionRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(extensionBody, request.body);
  if (account.extensions.has(input.number))
    throw new ControlError(409, `Extension ${input.number} already exists`);
  const extension = toExtension(input);
  account.extensions.set(extension.number, extension);
  return { status: 201, body: extension };
};

export const patchExtensionRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const extension = account.extensions.get(request.params.extension ?? "");
  if (!extension) throw new ControlError(404, `Unknown extension ${request.params.extension}`);
  const input = parseBody(patchExtensionBody, request.body);
  if (input.name !== undefined) extension.name = input.name;
  if (input.online !== undefined) extension.online = input.online;
  return { body: extension };
};

export const setClientScriptRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  applyClientScript(account.clientScripts, parseBody(clientScriptBody, request.body));
  return { body: describeAccount(account).client_scripts };
};

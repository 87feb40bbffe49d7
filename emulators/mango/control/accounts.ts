// Accounts, users, the events address and its connection check, the event order switch, and callback
// client scripts.

import type { z } from "zod";

import { applyClientScript } from "../../common/control";
import {
  createAccount,
  describeAccount,
  describeUser,
  toUser,
  type AccountInit,
} from "../accounts";
import {
  clientScriptBody,
  createAccountBody,
  eventOrderBody,
  patchAccountBody,
  patchUserBody,
  pingBody,
  userBody,
} from "../control-schemas";
import { demoLayout } from "../demo-seed";
import type { Account } from "../types";
import { ControlError, parseBody, requireAccount, type ControlHandler } from "./shared";

type Settings = z.output<typeof patchAccountBody>;

const toInit = (input: Settings): AccountInit => ({
  key: input.key,
  salt: input.salt,
  numbers: input.numbers,
  eventsUrl: input.events_url,
  eventOrder: input.event_order,
  timings: input.timings && {
    ...(input.timings.ring_timeout_ms !== undefined && {
      ringTimeoutMs: input.timings.ring_timeout_ms,
    }),
    ...(input.timings.record_delay_ms !== undefined && {
      recordDelayMs: input.timings.record_delay_ms,
    }),
    ...(input.timings.callback_result_delay_ms !== undefined && {
      callbackResultDelayMs: input.timings.callback_result_delay_ms,
    }),
    ...(input.timings.stats_ready_ms !== undefined && {
      statsReadyMs: input.timings.stats_ready_ms,
    }),
    ...(input.timings.max_talk_ms !== undefined && { maxTalkMs: input.timings.max_talk_ms }),
  },
});

const keyTaken = (
  accounts: Map<string, Account>,
  key: string | undefined,
  self?: Account,
): boolean =>
  key !== undefined &&
  Array.from(accounts.values()).some((account) => account.key === key && account !== self);

const defined = <Value extends object>(value: Value): Partial<Value> =>
  Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<Value>;

export const createAccountRoute: ControlHandler = ({ emulator, body }) => {
  const input = parseBody(createAccountBody, body);
  const { accounts } = emulator.state;
  if (input.id !== undefined && accounts.has(input.id))
    throw new ControlError(409, `Account ${input.id} already exists`);
  if (keyTaken(accounts, input.key)) throw new ControlError(409, "Another account uses this key");
  const account = createAccount(
    accounts,
    emulator.state.nextId("product"),
    () => emulator.state.nextId("user"),
    {
      ...(input.demo ? demoLayout() : {}),
      ...defined(toInit(input)),
      id: input.id,
      ...(input.users && {
        users: input.users.map((user) => ({ ...user, autoAnswerMs: user.auto_answer_ms })),
      }),
    },
  );
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
  if (init.salt !== undefined) account.salt = init.salt;
  if (init.numbers !== undefined) account.numbers = init.numbers;
  if (init.eventsUrl !== undefined) account.eventsUrl = init.eventsUrl;
  if (init.eventOrder !== undefined) account.eventOrder = init.eventOrder;
  account.timings = { ...account.timings, ...init.timings };
  return { body: describeAccount(account) };
};

export const setEventOrderRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  account.eventOrder = parseBody(eventOrderBody, request.body).order;
  return { body: describeAccount(account) };
};

/** «Проверить подключение»: POST `${url}ping` (default: the saved address) and show the answer. */
export const pingRoute: ControlHandler = async (request) => {
  const account = requireAccount(request);
  const url = parseBody(pingBody, request.body).url ?? account.eventsUrl;
  if (!url) throw new ControlError(400, `Account ${account.id} has no events URL`);
  return { body: await request.emulator.state.events.ping(account, url) };
};

export const addUserRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(userBody, request.body);
  if (account.users.has(input.extension))
    throw new ControlError(409, `Extension ${input.extension} already exists`);
  const user = toUser(
    { ...input, autoAnswerMs: input.auto_answer_ms },
    request.emulator.state.nextId("user"),
  );
  account.users.set(user.extension, user);
  return { status: 201, body: describeUser(user) };
};

export const patchUserRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const user = account.users.get(request.params.extension ?? "");
  if (!user) throw new ControlError(404, `Unknown extension ${request.params.extension}`);
  const input = parseBody(patchUserBody, request.body);
  if (input.name !== undefined) user.name = input.name;
  if (input.position !== undefined) user.position = input.position;
  if (input.department !== undefined) user.department = input.department;
  if (input.online !== undefined) user.online = input.online;
  if (input.auto_answer_ms !== undefined) user.autoAnswerMs = input.auto_answer_ms;
  return { body: describeUser(user) };
};

export const setClientScriptRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  applyClientScript(account.clientScripts, parseBody(clientScriptBody, request.body));
  return { body: describeAccount(account).client_scripts };
};

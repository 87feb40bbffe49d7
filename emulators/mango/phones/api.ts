// The JSON endpoints behind the pages (`/phones/api/…`): the pages poll the GETs and post the buttons.
// Bad input answers 400 with `{"error": "…"}`; a button that no longer applies (the call moved on)
// answers 409.

import type { IncomingMessage, ServerResponse } from "node:http";

import { readBody, sendJson } from "../../zadarma/http";
import { digitsOnly } from "../../zadarma/phone-numbers";
import { findAccount } from "../accounts";
import type { Emulator } from "../emulator";
import {
  activeCallOf,
  callerHangsUp,
  extensionAnswers,
  extensionHangsUp,
  PbxError,
  placeIncoming,
} from "../pbx";
import type { Account, Call } from "../types";
import { callerView, extensionPhoneView } from "./views";

export const PHONE_API_PREFIX = "/phones/api/";

class PhoneApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Input = { get(name: string): string | undefined };

const readInput = async (request: IncomingMessage, url: URL): Promise<Input> => {
  if (request.method !== "POST") return { get: (name) => url.searchParams.get(name) ?? undefined };
  const text = await readBody(request);
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new PhoneApiError(400, "body is not valid JSON");
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  return { get: (name) => (record[name] === undefined ? undefined : String(record[name])) };
};

const required = (input: Input, name: string): string => {
  const value = input.get(name)?.trim();
  if (!value) throw new PhoneApiError(400, `${name} is required`);
  return value;
};

const accountOf = (emulator: Emulator, input: Input): Account => {
  const account = findAccount(emulator.state.accounts, required(input, "account"));
  if (!account) throw new PhoneApiError(404, `unknown account ${input.get("account")}`);
  return account;
};

const extensionOf = (account: Account, input: Input): string => {
  const extension = required(input, "extension");
  if (!account.users.has(extension))
    throw new PhoneApiError(404, `no extension ${extension} in account ${account.id}`);
  return extension;
};

const callOf = (account: Account, input: Input): Call => {
  const call = account.calls.get(required(input, "call"));
  if (!call) throw new PhoneApiError(404, `unknown call ${input.get("call")}`);
  return call;
};

/** «Адрес внешней системы» as typed: an http(s) URL, kept exactly (the paths are appended to it). */
const eventsUrlOf = (input: Input): string => {
  const value = required(input, "url");
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new PhoneApiError(400, "url is not a URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new PhoneApiError(400, "url must be http or https");
  return value;
};

type Action = (emulator: Emulator, input: Input) => unknown;

const onExtension =
  (act: (emulator: Emulator, account: Account, call: Call, extension: string) => void): Action =>
  (emulator, input) => {
    const account = accountOf(emulator, input);
    const extension = extensionOf(account, input);
    const call = activeCallOf(account, extension);
    if (!call) throw new PhoneApiError(409, `extension ${extension} has no call`);
    act(emulator, account, call, extension);
    return extensionPhoneView(account, extension);
  };

const ACTIONS: Record<string, { method: "GET" | "POST"; run: Action }> = {
  extension: {
    method: "GET",
    run: (emulator, input) => {
      const account = accountOf(emulator, input);
      return extensionPhoneView(account, extensionOf(account, input));
    },
  },
  "extension/answer": {
    method: "POST",
    run: onExtension((emulator, account, call, extension) =>
      extensionAnswers(emulator, account, call, extension, emulator.clock.now()),
    ),
  },
  "extension/decline": {
    method: "POST",
    run: onExtension((emulator, account, call, extension) => {
      if (call.state !== "ringing") throw new PhoneApiError(409, "the call is no longer ringing");
      extensionHangsUp(emulator, account, call, extension, emulator.clock.now());
    }),
  },
  "extension/hangup": {
    method: "POST",
    run: onExtension((emulator, account, call, extension) =>
      extensionHangsUp(emulator, account, call, extension, emulator.clock.now()),
    ),
  },
  "extension/online": {
    method: "POST",
    run: (emulator, input) => {
      const account = accountOf(emulator, input);
      const extension = extensionOf(account, input);
      const user = account.users.get(extension);
      if (user) user.online = required(input, "online") === "true";
      return extensionPhoneView(account, extension);
    },
  },
  caller: {
    method: "GET",
    run: (emulator, input) => callerView(callOf(accountOf(emulator, input), input)),
  },
  "caller/dial": {
    method: "POST",
    run: (emulator, input) => {
      const account = accountOf(emulator, input);
      const caller = digitsOnly(required(input, "caller"));
      const did = digitsOnly(required(input, "did"));
      if (caller.length < 5 || caller.length > 15)
        throw new PhoneApiError(400, "caller must have 5–15 digits");
      if (!account.numbers.includes(did))
        throw new PhoneApiError(400, `${did} is not a company number of account ${account.id}`);
      const call = placeIncoming(
        emulator,
        account,
        { caller, did },
        { at: emulator.clock.now(), live: true, notify: true, origin: "softphone" },
      );
      return callerView(call);
    },
  },
  "caller/hangup": {
    method: "POST",
    run: (emulator, input) => {
      const account = accountOf(emulator, input);
      const call = callOf(account, input);
      callerHangsUp(emulator, account, call, emulator.clock.now());
      return callerView(call);
    },
  },
  "account/events-url": {
    method: "POST",
    run: (emulator, input) => {
      const account = accountOf(emulator, input);
      account.eventsUrl = eventsUrlOf(input);
      return { account: account.id, events_url: account.eventsUrl };
    },
  },
};

/** «Проверить подключение» awaits the external system, so it is the one asynchronous action. */
const ping = async (emulator: Emulator, input: Input) => {
  const account = accountOf(emulator, input);
  return emulator.state.events.ping(account, eventsUrlOf(input));
};

export const handlePhoneApi = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => {
  const name = url.pathname.slice(PHONE_API_PREFIX.length).replace(/\/+$/, "");
  const action = ACTIONS[name];
  const method = name === "account/ping" ? "POST" : action?.method;
  if (!method) return sendJson(response, 404, { error: `no phone endpoint ${url.pathname}` });
  if (request.method !== method) return sendJson(response, 405, { error: `use ${method}` });
  try {
    const input = await readInput(request, url);
    const body = action ? action.run(emulator, input) : await ping(emulator, input);
    sendJson(response, 200, body, { "cache-control": "no-store" });
  } catch (error) {
    if (error instanceof PhoneApiError)
      return sendJson(response, error.status, { error: error.message });
    if (error instanceof PbxError) return sendJson(response, 409, { error: error.message });
    throw error;
  }
};

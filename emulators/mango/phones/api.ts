// The JSON endpoints behind the pages (`/phones/api/…`; plumbing in emulators/shared/phone-api.ts).

import type { IncomingMessage, ServerResponse } from "node:http";

import {
  handlePhoneActions,
  PhoneApiError,
  required,
  type PhoneAction,
  type PhoneInput,
} from "../../shared/phone-api";
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

export { PHONE_API_PREFIX } from "../../shared/phone-api";

type Input = PhoneInput;

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

const ACTIONS: Record<string, PhoneAction<Emulator>> = {
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
  /** «Проверить подключение»: answers once the external system has. */
  "account/ping": {
    method: "POST",
    run: (emulator, input) =>
      emulator.state.events.ping(accountOf(emulator, input), eventsUrlOf(input)),
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

export const handlePhoneApi = (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> =>
  handlePhoneActions(
    ACTIONS,
    (error): error is PbxError => error instanceof PbxError,
    emulator,
    request,
    response,
    url,
  );

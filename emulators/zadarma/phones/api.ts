// The JSON endpoints behind the softphone pages (`/phones/api/…`; plumbing in emulators/shared/phone-api.ts).

import type { IncomingMessage, ServerResponse } from "node:http";

import {
  handlePhoneActions,
  PhoneApiError,
  required,
  type PhoneAction,
  type PhoneInput,
} from "../../shared/phone-api";
import type { Emulator } from "../emulator";
import {
  activeCallOf,
  callerHangsUp,
  clientAnswers,
  clientDeclines,
  extensionAnswers,
  extensionHangsUp,
  hangUpCallback,
  PbxError,
  placeIncoming,
} from "../pbx";
import { digitsOnly } from "../phone-numbers";
import type { Account, Call } from "../types";
import { callerView, clientCallOf, clientPhoneView, extensionPhoneView } from "./views";

export { PHONE_API_PREFIX } from "../../shared/phone-api";

type Input = PhoneInput;

const accountOf = (emulator: Emulator, input: Input): Account => {
  const account = emulator.state.accounts.get(required(input, "account"));
  if (!account) throw new PhoneApiError(404, `unknown account ${input.get("account")}`);
  return account;
};

const extensionOf = (account: Account, input: Input): string => {
  const extension = required(input, "extension");
  if (!account.extensions.has(extension))
    throw new PhoneApiError(404, `no extension ${extension} in account ${account.id}`);
  return extension;
};

const callOf = (account: Account, input: Input): Call => {
  const call = account.calls.get(required(input, "call"));
  if (!call) throw new PhoneApiError(404, `unknown call ${input.get("call")}`);
  return call;
};

type Action = (emulator: Emulator, input: Input) => unknown;

const extensionCall = (account: Account, extension: string): Call => {
  const call = activeCallOf(account, extension);
  if (!call) throw new PhoneApiError(409, `extension ${extension} has no call`);
  return call;
};

const onExtension =
  (act: (emulator: Emulator, account: Account, call: Call, extension: string) => void): Action =>
  (emulator, input) => {
    const account = accountOf(emulator, input);
    const extension = extensionOf(account, input);
    act(emulator, account, extensionCall(account, extension), extension);
    return extensionPhoneView(account, extension);
  };

const onClient =
  (act: (emulator: Emulator, account: Account, call: Call) => void): Action =>
  (emulator, input) => {
    const account = accountOf(emulator, input);
    const number = digitsOnly(required(input, "number"));
    const call = clientCallOf(account, number);
    if (!call) throw new PhoneApiError(409, `no call for ${number}`);
    act(emulator, account, call);
    return clientPhoneView(account, number);
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
      if (call.direction === "in" && call.state !== "ringing")
        throw new PhoneApiError(409, "the call is no longer ringing");
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
      const entry = account.extensions.get(extension);
      if (entry) entry.online = required(input, "online") === "true";
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
  client: {
    method: "GET",
    run: (emulator, input) =>
      clientPhoneView(accountOf(emulator, input), digitsOnly(required(input, "number"))),
  },
  "client/answer": {
    method: "POST",
    run: onClient((emulator, account, call) =>
      clientAnswers(emulator, account, call, emulator.clock.now()),
    ),
  },
  "client/decline": {
    method: "POST",
    run: onClient((emulator, account, call) =>
      clientDeclines(emulator, account, call, emulator.clock.now()),
    ),
  },
  "client/hangup": {
    method: "POST",
    run: onClient((emulator, account, call) =>
      hangUpCallback(emulator, account, call, emulator.clock.now()),
    ),
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

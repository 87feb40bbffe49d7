// The JSON endpoints behind the pages (`/phones/api/…`): the shared softphone and caller actions of
// emulators/common/phone-api.ts on this VPBX, plus the external-system address of the settings page
// (save it, and «Проверить подключение»).

import type { IncomingMessage, ServerResponse } from "node:http";

import {
  handlePhoneActions,
  PhoneApiError,
  required,
  softphoneActions,
  type PhoneAction,
  type PhoneInput,
} from "../../common/phone-api";
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

export { PHONE_API_PREFIX } from "../../common/phone-api";

const softphones = softphoneActions<Emulator, Account, Call>({
  now: (emulator) => emulator.clock.now(),
  findAccount: (emulator, idOrKey) => findAccount(emulator.state.accounts, idOrKey),
  accountId: (account) => account.id,
  hasExtension: (account, extension) => account.users.has(extension),
  setOnline: (account, extension, online) => {
    const user = account.users.get(extension);
    if (user) user.online = online;
  },
  companyNumbers: (account) => account.numbers,
  findCall: (account, id) => account.calls.get(id),
  activeCallOf,
  canDecline: (call) => call.state === "ringing",
  answer: extensionAnswers,
  hangUp: extensionHangsUp,
  dial: (emulator, account, caller, did, at) =>
    placeIncoming(
      emulator,
      account,
      { caller, did },
      { at, live: true, notify: true, origin: "softphone" },
    ),
  callerHangsUp,
  extensionView: extensionPhoneView,
  callerView,
});

/** «Адрес внешней системы» as typed: an http(s) URL, kept exactly (the paths are appended to it). */
const eventsUrlOf = (input: PhoneInput): string => {
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

const ACTIONS: Record<string, PhoneAction<Emulator>> = {
  ...softphones.actions,
  /** «Проверить подключение»: answers once the external system has. */
  "account/ping": {
    method: "POST",
    run: (emulator, input) =>
      emulator.state.events.ping(softphones.accountOf(emulator, input), eventsUrlOf(input)),
  },
  "account/events-url": {
    method: "POST",
    run: (emulator, input) => {
      const account = softphones.accountOf(emulator, input);
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

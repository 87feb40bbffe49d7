// The JSON endpoints behind the softphone pages (`/phones/api/…`): the shared softphone and caller
// actions of emulators/common/phone-api.ts on this PBX, plus the client's phone of a callback.

import type { IncomingMessage, ServerResponse } from "node:http";

import {
  handlePhoneActions,
  PhoneApiError,
  required,
  softphoneActions,
  type PhoneAction,
} from "../../common/phone-api";
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

export { PHONE_API_PREFIX } from "../../common/phone-api";

const softphones = softphoneActions<Emulator, Account, Call>({
  now: (emulator) => emulator.clock.now(),
  findAccount: (emulator, id) => emulator.state.accounts.get(id),
  accountId: (account) => account.id,
  hasExtension: (account, extension) => account.extensions.has(extension),
  setOnline: (account, extension, online) => {
    const entry = account.extensions.get(extension);
    if (entry) entry.online = online;
  },
  companyNumbers: (account) => account.numbers,
  findCall: (account, id) => account.calls.get(id),
  activeCallOf,
  // A connected callback may still be declined: it hangs up.
  canDecline: (call) => call.direction === "out" || call.state === "ringing",
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

const onClient =
  (act: (emulator: Emulator, account: Account, call: Call) => void): PhoneAction<Emulator>["run"] =>
  (emulator, input) => {
    const account = softphones.accountOf(emulator, input);
    const number = digitsOnly(required(input, "number"));
    const call = clientCallOf(account, number);
    if (!call) throw new PhoneApiError(409, `no call for ${number}`);
    act(emulator, account, call);
    return clientPhoneView(account, number);
  };

const ACTIONS: Record<string, PhoneAction<Emulator>> = {
  ...softphones.actions,
  client: {
    method: "GET",
    run: (emulator, input) =>
      clientPhoneView(softphones.accountOf(emulator, input), digitsOnly(required(input, "number"))),
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

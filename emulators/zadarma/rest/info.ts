// `info/balance`, `info/timezone` and `request/callback` (README "REST").

import { formatLocalDateTime, utcOffsetLabel } from "../datetime";
import { placeCallback } from "../pbx";
import { digitsOnly } from "../phone-numbers";
import type { RestHandler } from "./context";
import { RestError, success } from "./envelope";

export const getBalance: RestHandler = ({ account }) =>
  success({ balance: account.balance, currency: account.currency });

/** OpenAPI shape: `timezone` is the current UTC offset ("UTC+3"), `datetime` the account's wall clock. */
export const getTimezone: RestHandler = ({ emulator, account }) => {
  const now = emulator.clock.now();
  return success({
    unixtime: Math.floor(now / 1000),
    datetime: formatLocalDateTime(now, account.timezone),
    timezone: utcOffsetLabel(now, account.timezone),
  });
};

const EXTENSION = /^\d{3,5}$/;
const PHONE = /^\+?\d{7,15}$/;

/** `from` (an extension, or an outside phone) rings first; `to` is dialled once it answers. */
export const requestCallback: RestHandler = ({ emulator, account, params, noMoney }) => {
  const from = params.get("from")?.trim() ?? "";
  const to = params.get("to")?.trim() ?? "";
  if (!EXTENSION.test(from) && !PHONE.test(from))
    throw new RestError("wrong parameter 'from': expected an extension or a phone number");
  if (!PHONE.test(to))
    throw new RestError("wrong parameter 'to': expected a phone number in international format");
  if (EXTENSION.test(from) && !account.extensions.has(from))
    throw new RestError(`wrong parameter 'from': no extension ${from} in the PBX`);
  if (noMoney || account.balance <= 0) throw new RestError("no money");
  const now = emulator.clock.now();
  placeCallback(
    emulator,
    account,
    { from: digitsOnly(from), to: digitsOnly(to) },
    { at: now, live: true, notify: true, origin: "callback" },
  );
  return success({ from: digitsOnly(from), to: digitsOnly(to), time: Math.floor(now / 1000) });
};

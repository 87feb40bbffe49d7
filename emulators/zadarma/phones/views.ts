// What the softphone pages poll: an extension's phone, the caller of "call the company", and the
// client's phone of a callback. Plain JSON, shaped for the pages' small scripts.

import { activeCallOf } from "../pbx";
import type { Account, Call } from "../types";

export type ExtensionPhoneView = {
  account: string;
  extension: string;
  name: string;
  online: boolean;
  /** ringing: Answer/Decline; dialing: a callback calls the client; connected: Hang up. */
  call: {
    pbx_call_id: string;
    kind: "incoming" | "callback";
    state: "ringing" | "dialing" | "connected";
    peer: string;
  } | null;
};

const phoneState = (call: Call, extension: string): "ringing" | "dialing" | "connected" => {
  if (call.direction === "out")
    return call.clientLeg === "idle"
      ? "ringing"
      : call.clientLeg === "ringing"
        ? "dialing"
        : "connected";
  return call.legs.some((leg) => leg.extension === extension && leg.state === "ringing")
    ? "ringing"
    : "connected";
};

export const extensionPhoneView = (
  account: Account,
  extension: string,
): ExtensionPhoneView | null => {
  const entry = account.extensions.get(extension);
  if (!entry) return null;
  const call = activeCallOf(account, extension);
  return {
    account: account.id,
    extension,
    name: entry.name,
    online: entry.online,
    call: call
      ? {
          pbx_call_id: call.pbxCallId,
          kind: call.direction === "in" ? "incoming" : "callback",
          state: phoneState(call, extension),
          peer: call.direction === "in" ? call.caller : call.destination,
        }
      : null,
  };
};

export type CallerView = {
  pbx_call_id: string;
  state: Call["state"];
  disposition: string | null;
  extension: string | null;
};

export const callerView = (call: Call): CallerView => ({
  pbx_call_id: call.pbxCallId,
  state: call.state,
  disposition: call.disposition,
  extension: call.extension,
});

/** The callback ringing (or connected to) the client's `number`. */
export const clientCallOf = (account: Account, number: string): Call | undefined =>
  Array.from(account.calls.values())
    .reverse()
    .find(
      (call) =>
        call.direction === "out" &&
        call.destination === number &&
        (call.clientLeg === "ringing" || call.clientLeg === "connected"),
    );

export type ClientPhoneView = {
  number: string;
  call: { pbx_call_id: string; state: "ringing" | "connected"; from: string } | null;
};

export const clientPhoneView = (account: Account, number: string): ClientPhoneView => {
  const call = clientCallOf(account, number);
  return {
    number,
    call: call
      ? {
          pbx_call_id: call.pbxCallId,
          state: call.clientLeg === "connected" ? "connected" : "ringing",
          from: call.caller,
        }
      : null,
  };
};

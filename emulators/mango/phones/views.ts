// What the pages poll: an extension's phone and the caller of "call the company". Plain JSON, shaped
// for the pages' small scripts.

import { activeCallOf } from "../pbx";
import type { Account, Call } from "../types";

export type ExtensionPhoneView = {
  account: string;
  extension: string;
  name: string;
  online: boolean;
  /** ringing: Answer/Decline; dialing: a callback calls the client; connected: Hang up. */
  call: {
    entry_id: string;
    kind: "incoming" | "callback";
    state: "ringing" | "dialing" | "connected";
    peer: string;
  } | null;
};

const phoneState = (call: Call, extension: string): "ringing" | "dialing" | "connected" => {
  const own = call.legs.find((leg) => leg.extension === extension && leg.state !== "ended");
  if (own?.state === "ringing") return "ringing";
  return call.state === "connected" ? "connected" : "dialing";
};

export const extensionPhoneView = (
  account: Account,
  extension: string,
): ExtensionPhoneView | null => {
  const user = account.users.get(extension);
  if (!user) return null;
  const call = activeCallOf(account, extension);
  return {
    account: account.id,
    extension,
    name: user.name,
    online: user.online,
    call: call
      ? {
          entry_id: call.entryId,
          kind: call.direction === "in" ? "incoming" : "callback",
          state: phoneState(call, extension),
          peer: call.direction === "in" ? call.fromNumber : call.toNumber,
        }
      : null,
  };
};

export type CallerView = {
  entry_id: string;
  state: Call["state"];
  outcome: string | null;
  extension: string | null;
};

export const callerView = (call: Call): CallerView => ({
  entry_id: call.entryId,
  state: call.state,
  outcome: call.outcome,
  extension: call.extension,
});

// The control API handlers' request type and look-ups that answer 404 when something does not exist;
// JSON errors and zod parsing come from emulators/common/control.ts.

import { ControlError, type ControlHandlerOf, type ControlRequestOf } from "../../common/control";
import type { Emulator } from "../emulator";
import type { Account, Call } from "../types";

export { ControlError, parseBody } from "../../common/control";

export type ControlRequest = ControlRequestOf<Emulator>;

export type ControlHandler = ControlHandlerOf<Emulator>;

export const requireAccount = ({ emulator, params }: ControlRequest): Account => {
  const account = emulator.state.accounts.get(params.account ?? "");
  if (!account) throw new ControlError(404, `Unknown account ${params.account}`);
  return account;
};

export const requireCall = (account: Account, pbxCallId: string | undefined): Call => {
  const call = account.calls.get(pbxCallId ?? "");
  if (!call) throw new ControlError(404, `Unknown call ${pbxCallId}`);
  return call;
};

// Plumbing of the control API handlers: request/response types and look-ups that answer 404 when
// something does not exist. JSON errors and zod parsing are the Zadarma emulator's.

import { ControlError } from "../../zadarma/control/shared";
import type { RouteParams } from "../../zadarma/router";
import type { Emulator } from "../emulator";
import type { Account, Call } from "../types";

export { ControlError, parseBody } from "../../zadarma/control/shared";

export type ControlRequest = {
  emulator: Emulator;
  params: RouteParams;
  body: unknown;
  query: URLSearchParams;
};

export type ControlResult = { status?: number; body: unknown };

export type ControlHandler = (request: ControlRequest) => ControlResult | Promise<ControlResult>;

export const requireAccount = ({ emulator, params }: ControlRequest): Account => {
  const account = emulator.state.accounts.get(params.account ?? "");
  if (!account) throw new ControlError(404, `Unknown account ${params.account}`);
  return account;
};

export const requireCall = (account: Account, entryId: string | undefined): Call => {
  const call = account.calls.get(entryId ?? "");
  if (!call) throw new ControlError(404, `Unknown call ${entryId}`);
  return call;
};

// Plumbing shared by the control API handlers: request/response types, JSON errors, zod parsing and
// look-ups that answer 404 when something does not exist.

import type { z } from "zod";

import type { Emulator } from "../emulator";
import type { RouteParams } from "../router";
import type { Account, Call } from "../types";

export type ControlRequest = {
  emulator: Emulator;
  params: RouteParams;
  body: unknown;
  query: URLSearchParams;
};

export type ControlResult = { status?: number; body: unknown };

export type ControlHandler = (request: ControlRequest) => ControlResult | Promise<ControlResult>;

/** Thrown by handlers; the control router turns it into a JSON error answer. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const parseBody = <Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.output<Schema> => {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ControlError(400, "Invalid request body", {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
      })),
    });
  }
  return result.data;
};

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

// Plumbing of the telephony emulators' page endpoints (`/phones/api/…`): the pages poll the GETs and
// post the buttons with JSON bodies. Bad input answers 400 with `{"error": "…"}`; a button that no
// longer applies (the call moved on) answers 409.

import type { IncomingMessage, ServerResponse } from "node:http";

import { readBody, sendJson } from "../zadarma/http";

export const PHONE_API_PREFIX = "/phones/api/";

export class PhoneApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's parameters: the query of a GET, the JSON body of a POST. */
export type PhoneInput = { get(name: string): string | undefined };

const readInput = async (request: IncomingMessage, url: URL): Promise<PhoneInput> => {
  if (request.method !== "POST") return { get: (name) => url.searchParams.get(name) ?? undefined };
  const text = await readBody(request);
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new PhoneApiError(400, "body is not valid JSON");
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  return { get: (name) => (record[name] === undefined ? undefined : String(record[name])) };
};

export const required = (input: PhoneInput, name: string): string => {
  const value = input.get(name)?.trim();
  if (!value) throw new PhoneApiError(400, `${name} is required`);
  return value;
};

export type PhoneAction<Emulator> = {
  method: "GET" | "POST";
  run: (emulator: Emulator, input: PhoneInput) => unknown;
};

/** Runs the action the path names; `isConflict` tells which errors mean "the call moved on" (409). */
export const handlePhoneActions = async <Emulator>(
  actions: Record<string, PhoneAction<Emulator>>,
  isConflict: (error: unknown) => error is Error,
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const action = actions[url.pathname.slice(PHONE_API_PREFIX.length).replace(/\/+$/, "")];
  if (!action) return sendJson(response, 404, { error: `no phone endpoint ${url.pathname}` });
  if (request.method !== action.method)
    return sendJson(response, 405, { error: `use ${action.method}` });
  try {
    const body: unknown = await action.run(emulator, await readInput(request, url));
    sendJson(response, 200, body, { "cache-control": "no-store" });
  } catch (error) {
    if (error instanceof PhoneApiError)
      return sendJson(response, error.status, { error: error.message });
    if (isConflict(error)) return sendJson(response, 409, { error: error.message });
    throw error;
  }
};

// ── The softphone and "call the company" actions every telephony emulator has ─────────────────────

/** What the shared actions need from an emulator's PBX. */
export type SoftphoneOps<Emulator, Account, Call> = {
  now(emulator: Emulator): number;
  /** By the `account` parameter (an id, or whatever else the emulator accepts). */
  findAccount(emulator: Emulator, account: string): Account | undefined;
  accountId(account: Account): string;
  hasExtension(account: Account, extension: string): boolean;
  setOnline(account: Account, extension: string, online: boolean): void;
  companyNumbers(account: Account): string[];
  findCall(account: Account, id: string): Call | undefined;
  activeCallOf(account: Account, extension: string): Call | undefined;
  /** Whether Decline still applies to what the extension's phone shows. */
  canDecline(call: Call): boolean;
  answer(emulator: Emulator, account: Account, call: Call, extension: string, at: number): void;
  hangUp(emulator: Emulator, account: Account, call: Call, extension: string, at: number): void;
  dial(emulator: Emulator, account: Account, caller: string, did: string, at: number): Call;
  callerHangsUp(emulator: Emulator, account: Account, call: Call, at: number): void;
  extensionView(account: Account, extension: string): unknown;
  callerView(call: Call): unknown;
};

const digitsOf = (value: string): string => value.replace(/\D/g, "");

export const softphoneActions = <Emulator, Account, Call>(
  ops: SoftphoneOps<Emulator, Account, Call>,
) => {
  const accountOf = (emulator: Emulator, input: PhoneInput): Account => {
    const account = ops.findAccount(emulator, required(input, "account"));
    if (account === undefined)
      throw new PhoneApiError(404, `unknown account ${input.get("account")}`);
    return account;
  };
  const extensionOf = (account: Account, input: PhoneInput): string => {
    const extension = required(input, "extension");
    if (!ops.hasExtension(account, extension))
      throw new PhoneApiError(
        404,
        `no extension ${extension} in account ${ops.accountId(account)}`,
      );
    return extension;
  };
  const callOf = (account: Account, input: PhoneInput): Call => {
    const call = ops.findCall(account, required(input, "call"));
    if (call === undefined) throw new PhoneApiError(404, `unknown call ${input.get("call")}`);
    return call;
  };
  const onExtension =
    (
      act: (emulator: Emulator, account: Account, call: Call, extension: string) => void,
    ): PhoneAction<Emulator>["run"] =>
    (emulator, input) => {
      const account = accountOf(emulator, input);
      const extension = extensionOf(account, input);
      const call = ops.activeCallOf(account, extension);
      if (call === undefined) throw new PhoneApiError(409, `extension ${extension} has no call`);
      act(emulator, account, call, extension);
      return ops.extensionView(account, extension);
    };

  const actions: Record<string, PhoneAction<Emulator>> = {
    extension: {
      method: "GET",
      run: (emulator, input) => {
        const account = accountOf(emulator, input);
        return ops.extensionView(account, extensionOf(account, input));
      },
    },
    "extension/answer": {
      method: "POST",
      run: onExtension((emulator, account, call, extension) =>
        ops.answer(emulator, account, call, extension, ops.now(emulator)),
      ),
    },
    "extension/decline": {
      method: "POST",
      run: onExtension((emulator, account, call, extension) => {
        if (!ops.canDecline(call)) throw new PhoneApiError(409, "the call is no longer ringing");
        ops.hangUp(emulator, account, call, extension, ops.now(emulator));
      }),
    },
    "extension/hangup": {
      method: "POST",
      run: onExtension((emulator, account, call, extension) =>
        ops.hangUp(emulator, account, call, extension, ops.now(emulator)),
      ),
    },
    "extension/online": {
      method: "POST",
      run: (emulator, input) => {
        const account = accountOf(emulator, input);
        const extension = extensionOf(account, input);
        ops.setOnline(account, extension, required(input, "online") === "true");
        return ops.extensionView(account, extension);
      },
    },
    caller: {
      method: "GET",
      run: (emulator, input) => ops.callerView(callOf(accountOf(emulator, input), input)),
    },
    "caller/dial": {
      method: "POST",
      run: (emulator, input) => {
        const account = accountOf(emulator, input);
        const caller = digitsOf(required(input, "caller"));
        const did = digitsOf(required(input, "did"));
        if (caller.length < 5 || caller.length > 15)
          throw new PhoneApiError(400, "caller must have 5–15 digits");
        if (!ops.companyNumbers(account).includes(did))
          throw new PhoneApiError(
            400,
            `${did} is not a company number of account ${ops.accountId(account)}`,
          );
        return ops.callerView(ops.dial(emulator, account, caller, did, ops.now(emulator)));
      },
    },
    "caller/hangup": {
      method: "POST",
      run: (emulator, input) => {
        const account = accountOf(emulator, input);
        const call = callOf(account, input);
        ops.callerHangsUp(emulator, account, call, ops.now(emulator));
        return ops.callerView(call);
      },
    },
  };
  return { actions, accountOf };
};

// Typed client of the emulator's control API for tests and scripts.
// Type-only imports of the emulator: using it pulls in no emulator code, only the fetch helper of
// emulators/common/control-fetch.ts.

import type { z } from "zod";

import { createControlFetch, waitForFinished } from "../common/control-fetch";
import type { AccountView } from "./accounts";
import type { CallView } from "./call-view";
import type {
  callActionBody,
  clientScriptBody,
  createAccountBody,
  extensionBody,
  patchAccountBody,
  patchExtensionBody,
  resetBody,
  restFaultBody,
  RestFaultSpec,
  scriptedCallBody,
  webhookFaultBody,
} from "./control-schemas";
import type { AccountWebhookFault, FaultEntry } from "./faults";
import type { RequestLogEntry } from "./request-log";
import type { Delivery, Extension } from "./types";
import type { EchoCheck } from "./zd-echo";

export type Ok = { ok: true };

export class ZadarmaControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    request: string,
  ) {
    super(`${request} answered ${status}: ${JSON.stringify(body)}`);
  }
}

export const createZadarmaControl = (baseUrl: string) => {
  const call = createControlFetch(
    baseUrl,
    (status, body, request) => new ZadarmaControlError(status, body, request),
  );

  const account = (accountId: string): string =>
    `/__control/accounts/${encodeURIComponent(accountId)}`;
  const listNotifications = (accountId: string) =>
    call<Delivery[]>("GET", `${account(accountId)}/notifications`);

  return {
    health: () => call<{ ok: true; accounts: number }>("GET", "/__control/health"),
    reset: (input: z.input<typeof resetBody> = {}) => call<Ok>("POST", "/__control/reset", input),
    /** Freeze the clock at an ISO datetime (null: real time) and/or move it by `advance_ms`. */
    setClock: (input: { now?: string | null; advance_ms?: number }) =>
      call<{ now: string }>("POST", "/__control/clock", input),

    createAccount: (input: z.input<typeof createAccountBody> = {}) =>
      call<AccountView>("POST", "/__control/accounts", input),
    listAccounts: () => call<AccountView[]>("GET", "/__control/accounts"),
    getAccount: (accountId: string) => call<AccountView>("GET", account(accountId)),
    patchAccount: (accountId: string, input: z.input<typeof patchAccountBody>) =>
      call<AccountView>("PATCH", account(accountId), input),
    addExtension: (accountId: string, input: z.input<typeof extensionBody>) =>
      call<Extension>("POST", `${account(accountId)}/extensions`, input),
    patchExtension: (
      accountId: string,
      extension: string,
      input: z.input<typeof patchExtensionBody>,
    ) =>
      call<Extension>(
        "PATCH",
        `${account(accountId)}/extensions/${encodeURIComponent(extension)}`,
        input,
      ),
    /** How the far end of a callback behaves, for one number or (`*`, the default) all. */
    setClientScript: (accountId: string, input: z.input<typeof clientScriptBody>) =>
      call<AccountView["client_scripts"]>("POST", `${account(accountId)}/client-scripts`, input),

    placeCall: (accountId: string, input: z.input<typeof scriptedCallBody>) =>
      call<CallView>("POST", `${account(accountId)}/calls`, input),
    listCalls: (accountId: string) => call<CallView[]>("GET", `${account(accountId)}/calls`),
    getCall: (accountId: string, pbxCallId: string) =>
      call<CallView>("GET", `${account(accountId)}/calls/${encodeURIComponent(pbxCallId)}`),
    driveCall: (accountId: string, pbxCallId: string, input: z.input<typeof callActionBody>) =>
      call<CallView>(
        "POST",
        `${account(accountId)}/calls/${encodeURIComponent(pbxCallId)}/actions`,
        input,
      ),

    addWebhookFault: (accountId: string, input: z.input<typeof webhookFaultBody>) =>
      call<FaultEntry<AccountWebhookFault>>("POST", `${account(accountId)}/webhook-faults`, input),
    listWebhookFaults: (accountId: string) =>
      call<FaultEntry<AccountWebhookFault>[]>("GET", `${account(accountId)}/webhook-faults`),
    clearWebhookFaults: (accountId: string) =>
      call<Ok>("DELETE", `${account(accountId)}/webhook-faults`),
    listNotifications,
    /** Polls the delivery log until at least `count` notifications have finished (delivered, failed or dropped). */
    waitForNotifications: (accountId: string, options: { count: number; timeoutMs?: number }) =>
      waitForFinished(() => listNotifications(accountId), { ...options, noun: "notifications" }),

    addRestFault: (input: z.input<typeof restFaultBody>) =>
      call<FaultEntry<RestFaultSpec>>("POST", "/__control/faults", input),
    listRestFaults: () => call<FaultEntry<RestFaultSpec>[]>("GET", "/__control/faults"),
    clearRestFaults: () => call<Ok>("DELETE", "/__control/faults"),
    requests: (filter: { accountId?: string } = {}) =>
      call<RequestLogEntry[]>(
        "GET",
        `/__control/requests${filter.accountId ? `?account_id=${encodeURIComponent(filter.accountId)}` : ""}`,
      ),
    /** Sends `GET <url>?zd_echo=<random>` and reports whether the answer echoed it. */
    zdEcho: (url: string) => call<EchoCheck>("POST", "/__control/zd-echo", { url }),
    getAutopilot: () =>
      call<{ enabled: boolean; interval_seconds: number }>("GET", "/__control/autopilot"),
    setAutopilot: (input: { enabled: boolean; interval_seconds?: number }) =>
      call<{ enabled: boolean; interval_seconds: number }>("POST", "/__control/autopilot", input),
  };
};

export type ZadarmaControl = ReturnType<typeof createZadarmaControl>;

// Typed client of the emulator's control API for tests and scripts.
// Type-only imports of the emulator: using it pulls in no emulator code, only the fetch helper of
// emulators/common/control-fetch.ts.

import type { z } from "zod";

import { createControlFetch, waitForFinished } from "../common/control-fetch";
import type { AccountView, UserView } from "./accounts";
import type { CallView } from "./call-view";
import type {
  apiFaultBody,
  ApiFaultSpec,
  callActionBody,
  callBody,
  clientScriptBody,
  createAccountBody,
  eventFaultBody,
  patchAccountBody,
  patchUserBody,
  resetBody,
  userBody,
} from "./control-schemas";
import type { PingResult } from "./events";
import type { AccountEventFault, FaultEntry } from "./faults";
import type { RequestLogEntry } from "./request-log";
import type { Delivery, EventOrder } from "./types";

export type Ok = { ok: true };

export class MangoControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    request: string,
  ) {
    super(`${request} answered ${status}: ${JSON.stringify(body)}`);
  }
}

export const createMangoControl = (baseUrl: string) => {
  const call = createControlFetch(
    baseUrl,
    (status, body, request) => new MangoControlError(status, body, request),
  );

  const account = (accountId: string): string =>
    `/__control/accounts/${encodeURIComponent(accountId)}`;
  const listEvents = (accountId: string) => call<Delivery[]>("GET", `${account(accountId)}/events`);

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
    /** What the user pastes as «Адрес внешней системы» (null removes it). */
    setEventsUrl: (accountId: string, eventsUrl: string | null) =>
      call<AccountView>("PATCH", account(accountId), { events_url: eventsUrl }),
    /** Out-of-order delivery: hold each call's events until it ends, then send them reversed or shuffled. */
    setEventOrder: (accountId: string, order: EventOrder) =>
      call<AccountView>("POST", `${account(accountId)}/event-order`, { order }),
    /** «Проверить подключение»: POST `${url}ping` (default: the saved address). */
    ping: (accountId: string, url?: string) =>
      call<PingResult>("POST", `${account(accountId)}/ping`, url === undefined ? {} : { url }),
    addUser: (accountId: string, input: z.input<typeof userBody>) =>
      call<UserView>("POST", `${account(accountId)}/users`, input),
    patchUser: (accountId: string, extension: string, input: z.input<typeof patchUserBody>) =>
      call<UserView>(
        "PATCH",
        `${account(accountId)}/users/${encodeURIComponent(extension)}`,
        input,
      ),
    /** How the far end of a callback behaves, for one number or (`*`, the default) all. */
    setClientScript: (accountId: string, input: z.input<typeof clientScriptBody>) =>
      call<AccountView["client_scripts"]>("POST", `${account(accountId)}/client-scripts`, input),

    /** An incoming call from `caller` to `did`: live (ringing) unless `script` replays it at once. */
    placeCall: (accountId: string, input: z.input<typeof callBody>) =>
      call<CallView>("POST", `${account(accountId)}/calls`, input),
    listCalls: (accountId: string) => call<CallView[]>("GET", `${account(accountId)}/calls`),
    getCall: (accountId: string, entryId: string) =>
      call<CallView>("GET", `${account(accountId)}/calls/${encodeURIComponent(entryId)}`),
    driveCall: (accountId: string, entryId: string, input: z.input<typeof callActionBody>) =>
      call<CallView>(
        "POST",
        `${account(accountId)}/calls/${encodeURIComponent(entryId)}/actions`,
        input,
      ),

    addEventFault: (accountId: string, input: z.input<typeof eventFaultBody>) =>
      call<FaultEntry<AccountEventFault>>("POST", `${account(accountId)}/event-faults`, input),
    listEventFaults: (accountId: string) =>
      call<FaultEntry<AccountEventFault>[]>("GET", `${account(accountId)}/event-faults`),
    clearEventFaults: (accountId: string) =>
      call<Ok>("DELETE", `${account(accountId)}/event-faults`),
    listEvents,
    /** Polls the delivery log until at least `count` events have finished (delivered, failed or dropped). */
    waitForEvents: (accountId: string, options: { count: number; timeoutMs?: number }) =>
      waitForFinished(() => listEvents(accountId), { ...options, noun: "events" }),

    addApiFault: (input: z.input<typeof apiFaultBody>) =>
      call<FaultEntry<ApiFaultSpec>>("POST", "/__control/faults", input),
    listApiFaults: () => call<FaultEntry<ApiFaultSpec>[]>("GET", "/__control/faults"),
    clearApiFaults: () => call<Ok>("DELETE", "/__control/faults"),
    requests: (filter: { accountId?: string } = {}) =>
      call<RequestLogEntry[]>(
        "GET",
        `/__control/requests${filter.accountId ? `?account_id=${encodeURIComponent(filter.accountId)}` : ""}`,
      ),
    lockout: () =>
      call<Array<{ key: string; strikes: number; first_at: string; blocked_until: string | null }>>(
        "GET",
        "/__control/lockout",
      ),
    clearLockout: () => call<Ok>("DELETE", "/__control/lockout"),
  };
};

export type MangoControl = ReturnType<typeof createMangoControl>;

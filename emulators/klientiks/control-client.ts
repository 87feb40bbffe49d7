// Typed client of the emulator's control API (klientiks-contract §17.3) for tests and scripts.
// Type-only imports: using it pulls no emulator code into the caller.

import type { z } from "zod";

import type { AccountView } from "./accounts";
import type {
  addClientBody,
  addServiceBody,
  addServicePackBody,
  addUserBody,
  createAccountBody,
  createAppointmentBody,
  eventHandlerBody,
  faultBody,
  patchAccountBody,
  patchAppointmentBody,
  patchClientBody,
  resetBody,
  triggerWebhookBody,
  widgetBookingBody,
} from "./control-schemas";
import type { FaultEntry } from "./faults";
import type { RequestLogEntry } from "./request-log";
import type { EventHandlerView } from "./routes/control/webhooks";
import type {
  AppointmentJson,
  ClientJson,
  ServiceJson,
  ServicePackJson,
  UserJson,
} from "./serialize";
import type { AccountStats } from "./stats";
import type { WebhookDelivery } from "./types";

export type WidgetBookingResult = {
  appointment: AppointmentJson;
  client: ClientJson;
  client_created: boolean;
};

export type TriggerResult = { batch_id: string; scheduled: number };

export type Ok = { ok: true };

export class KlientiksControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    request: string,
  ) {
    super(`${request} answered ${status}: ${JSON.stringify(body)}`);
  }
}

const POLL_INTERVAL_MS = 20;

export const createKlientiksControl = (baseUrl: string) => {
  const root = baseUrl.replace(/\/+$/, "");

  const call = async <Result>(method: string, path: string, body?: unknown): Promise<Result> => {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === "" ? null : JSON.parse(text);
    if (!response.ok) throw new KlientiksControlError(response.status, parsed, `${method} ${path}`);
    return parsed as Result;
  };

  const account = (accountId: string): string =>
    `/__control/accounts/${encodeURIComponent(accountId)}`;

  const listWebhookDeliveries = (accountId: string) =>
    call<WebhookDelivery[]>("GET", `${account(accountId)}/webhooks/deliveries`);

  return {
    health: () => call<{ ok: true; accounts: number }>("GET", "/__control/health"),
    reset: (input: z.input<typeof resetBody> = {}) => call<Ok>("POST", "/__control/reset", input),
    /** A naive "YYYY-MM-DD HH:MM:SS" is Moscow time; null returns to real time. */
    setClock: (now: string | null) =>
      call<{ now: string; fixed: boolean }>("POST", "/__control/clock", { now }),

    createAccount: (input: z.input<typeof createAccountBody> = {}) =>
      call<AccountView>("POST", "/__control/accounts", input),
    listAccounts: async () =>
      (await call<{ accounts: AccountView[] }>("GET", "/__control/accounts")).accounts,
    patchAccount: (accountId: string, input: z.input<typeof patchAccountBody>) =>
      call<AccountView>("PATCH", account(accountId), input),
    addUser: (accountId: string, input: z.input<typeof addUserBody>) =>
      call<UserJson>("POST", `${account(accountId)}/users`, input),
    addService: (accountId: string, input: z.input<typeof addServiceBody>) =>
      call<ServiceJson>("POST", `${account(accountId)}/services`, input),
    addServicePack: (accountId: string, input: z.input<typeof addServicePackBody>) =>
      call<ServicePackJson>("POST", `${account(accountId)}/service-packs`, input),

    addClient: (accountId: string, input: z.input<typeof addClientBody>) =>
      call<ClientJson>("POST", `${account(accountId)}/clients`, input),
    patchClient: (accountId: string, clientId: number, input: z.input<typeof patchClientBody>) =>
      call<ClientJson>("PATCH", `${account(accountId)}/clients/${clientId}`, input),

    createAppointment: (accountId: string, input: z.input<typeof createAppointmentBody>) =>
      call<AppointmentJson>("POST", `${account(accountId)}/appointments`, input),
    listAppointments: (accountId: string) =>
      call<AppointmentJson[]>("GET", `${account(accountId)}/appointments`),
    getAppointment: (accountId: string, appointmentId: number) =>
      call<AppointmentJson>("GET", `${account(accountId)}/appointments/${appointmentId}`),
    patchAppointment: (
      accountId: string,
      appointmentId: number,
      input: z.input<typeof patchAppointmentBody>,
    ) =>
      call<AppointmentJson>("PATCH", `${account(accountId)}/appointments/${appointmentId}`, input),
    createWidgetBooking: (accountId: string, input: z.input<typeof widgetBookingBody>) =>
      call<WidgetBookingResult>("POST", `${account(accountId)}/widget-bookings`, input),

    addEventHandler: (accountId: string, input: z.input<typeof eventHandlerBody>) =>
      call<EventHandlerView>("POST", `${account(accountId)}/event-handlers`, input),
    listEventHandlers: (accountId: string) =>
      call<EventHandlerView[]>("GET", `${account(accountId)}/event-handlers`),
    deleteEventHandler: (accountId: string, handlerId: number) =>
      call<Ok>("DELETE", `${account(accountId)}/event-handlers/${handlerId}`),
    triggerWebhook: (accountId: string, input: z.input<typeof triggerWebhookBody>) =>
      call<TriggerResult>("POST", `${account(accountId)}/webhooks/trigger`, input),
    listWebhookDeliveries,
    /** Polls the delivery log until at least `count` deliveries have finished (delivered or failed). */
    waitForDeliveries: async (
      accountId: string,
      { count, timeoutMs = 5000 }: { count: number; timeoutMs?: number },
    ) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const finished = (await listWebhookDeliveries(accountId)).filter(
          (delivery) => delivery.outcome !== "pending",
        );
        if (finished.length >= count) return finished;
        if (Date.now() > deadline)
          throw new Error(
            `Only ${finished.length} of ${count} webhook deliveries finished in ${timeoutMs} ms`,
          );
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },

    addFault: (input: z.input<typeof faultBody>) =>
      call<FaultEntry>("POST", "/__control/faults", input),
    listFaults: () => call<FaultEntry[]>("GET", "/__control/faults"),
    clearFaults: () => call<Ok>("DELETE", "/__control/faults"),
    requests: (filter: { accountId?: string } = {}) =>
      call<RequestLogEntry[]>(
        "GET",
        `/__control/requests${filter.accountId ? `?account_id=${encodeURIComponent(filter.accountId)}` : ""}`,
      ),
    stats: () => call<{ accounts: Record<string, AccountStats> }>("GET", "/__control/stats"),
  };
};

export type KlientiksControl = ReturnType<typeof createKlientiksControl>;

// The control API for tests and scripts (klientiks-contract §17.3), under `/__control`. Bodies are
// JSON; bad input answers 400 with a JSON error naming the problem.

import type { IncomingMessage, ServerResponse } from "node:http";

import type { Emulator } from "../emulator";
import { readBody, sendJson } from "../http";
import { defineRoute, matchRoute, type Route } from "../router";
import {
  addServicePackRoute,
  addServiceRoute,
  addUserRoute,
  createAccountRoute,
  listAccountsRoute,
  patchAccountRoute,
} from "./control/accounts";
import {
  createAppointmentRoute,
  createWidgetBookingRoute,
  getAppointmentRoute,
  listAppointmentsRoute,
  patchAppointmentRoute,
} from "./control/appointments";
import { addClientRoute, patchClientRoute } from "./control/clients";
import { ControlError, type ControlHandler } from "./control/shared";
import {
  addFault,
  clearFaults,
  health,
  listFaults,
  listRequests,
  reset,
  setClock,
  stats,
} from "./control/system";
import {
  addEventHandlerRoute,
  deleteEventHandlerRoute,
  listDeliveriesRoute,
  listEventHandlersRoute,
  triggerWebhookRoute,
} from "./control/webhooks";

const ACCOUNT = "/__control/accounts/:account";

const ROUTES: Route<ControlHandler>[] = [
  defineRoute("GET", "/__control/health", health),
  defineRoute("POST", "/__control/reset", reset),
  defineRoute("POST", "/__control/clock", setClock),
  defineRoute("POST", "/__control/faults", addFault),
  defineRoute("GET", "/__control/faults", listFaults),
  defineRoute("DELETE", "/__control/faults", clearFaults),
  defineRoute("GET", "/__control/requests", listRequests),
  defineRoute("GET", "/__control/stats", stats),
  defineRoute("POST", "/__control/accounts", createAccountRoute),
  defineRoute("GET", "/__control/accounts", listAccountsRoute),
  defineRoute("PATCH", ACCOUNT, patchAccountRoute),
  defineRoute("POST", `${ACCOUNT}/users`, addUserRoute),
  defineRoute("POST", `${ACCOUNT}/services`, addServiceRoute),
  defineRoute("POST", `${ACCOUNT}/service-packs`, addServicePackRoute),
  defineRoute("POST", `${ACCOUNT}/clients`, addClientRoute),
  defineRoute("PATCH", `${ACCOUNT}/clients/:id`, patchClientRoute),
  defineRoute("POST", `${ACCOUNT}/appointments`, createAppointmentRoute),
  defineRoute("GET", `${ACCOUNT}/appointments`, listAppointmentsRoute),
  defineRoute("GET", `${ACCOUNT}/appointments/:id`, getAppointmentRoute),
  defineRoute("PATCH", `${ACCOUNT}/appointments/:id`, patchAppointmentRoute),
  defineRoute("POST", `${ACCOUNT}/widget-bookings`, createWidgetBookingRoute),
  defineRoute("POST", `${ACCOUNT}/event-handlers`, addEventHandlerRoute),
  defineRoute("GET", `${ACCOUNT}/event-handlers`, listEventHandlersRoute),
  defineRoute("DELETE", `${ACCOUNT}/event-handlers/:id`, deleteEventHandlerRoute),
  defineRoute("POST", `${ACCOUNT}/webhooks/trigger`, triggerWebhookRoute),
  defineRoute("GET", `${ACCOUNT}/webhooks/deliveries`, listDeliveriesRoute),
];

const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  const text = await readBody(request);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "Request body is not valid JSON");
  }
};

export const handleControl = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const method = request.method ?? "GET";
  const match = matchRoute(ROUTES, method, url.pathname);
  if (match.kind !== "found") {
    const status = match.kind === "method_not_allowed" ? 405 : 404;
    return sendJson(response, status, { error: `No control endpoint ${method} ${url.pathname}` });
  }
  try {
    const body = method === "GET" || method === "DELETE" ? {} : await readJsonBody(request);
    const result = match.handler({ emulator, params: match.params, body, query: url.searchParams });
    sendJson(response, result.status ?? 200, result.body);
  } catch (error) {
    if (!(error instanceof ControlError)) throw error;
    sendJson(response, error.status, { error: error.message, ...error.details });
  }
};

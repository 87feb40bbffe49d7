// The control API for tests, scripts and demos, under `/__control`. Bodies are JSON; bad input answers
// 400 with a JSON error naming the problem.

import type { IncomingMessage, ServerResponse } from "node:http";

import { handleControlRoutes } from "../../common/control";
import { defineRoute, type Route } from "../../zadarma/router";
import type { Emulator } from "../emulator";
import {
  addUserRoute,
  createAccountRoute,
  getAccountRoute,
  listAccountsRoute,
  patchAccountRoute,
  patchUserRoute,
  pingRoute,
  setClientScriptRoute,
  setEventOrderRoute,
} from "./accounts";
import { callActionRoute, createCallRoute, getCallRoute, listCallsRoute } from "./calls";
import type { ControlHandler } from "./shared";
import {
  addApiFault,
  addEventFault,
  clearApiFaults,
  clearEventFaults,
  clearLockout,
  getLockout,
  health,
  listApiFaults,
  listDeliveries,
  listEventFaults,
  listRequests,
  reset,
  setClock,
} from "./system";

const ACCOUNT = "/__control/accounts/:account";

const ROUTES: Route<ControlHandler>[] = [
  defineRoute("GET", "/__control/health", health),
  defineRoute("POST", "/__control/reset", reset),
  defineRoute("POST", "/__control/clock", setClock),
  defineRoute("POST", "/__control/faults", addApiFault),
  defineRoute("GET", "/__control/faults", listApiFaults),
  defineRoute("DELETE", "/__control/faults", clearApiFaults),
  defineRoute("GET", "/__control/requests", listRequests),
  defineRoute("GET", "/__control/lockout", getLockout),
  defineRoute("DELETE", "/__control/lockout", clearLockout),
  defineRoute("POST", "/__control/accounts", createAccountRoute),
  defineRoute("GET", "/__control/accounts", listAccountsRoute),
  defineRoute("GET", ACCOUNT, getAccountRoute),
  defineRoute("PATCH", ACCOUNT, patchAccountRoute),
  defineRoute("POST", `${ACCOUNT}/event-order`, setEventOrderRoute),
  defineRoute("POST", `${ACCOUNT}/ping`, pingRoute),
  defineRoute("POST", `${ACCOUNT}/users`, addUserRoute),
  defineRoute("PATCH", `${ACCOUNT}/users/:extension`, patchUserRoute),
  defineRoute("POST", `${ACCOUNT}/client-scripts`, setClientScriptRoute),
  defineRoute("POST", `${ACCOUNT}/calls`, createCallRoute),
  defineRoute("GET", `${ACCOUNT}/calls`, listCallsRoute),
  defineRoute("GET", `${ACCOUNT}/calls/:call`, getCallRoute),
  defineRoute("POST", `${ACCOUNT}/calls/:call/actions`, callActionRoute),
  defineRoute("POST", `${ACCOUNT}/event-faults`, addEventFault),
  defineRoute("GET", `${ACCOUNT}/event-faults`, listEventFaults),
  defineRoute("DELETE", `${ACCOUNT}/event-faults`, clearEventFaults),
  defineRoute("GET", `${ACCOUNT}/events`, listDeliveries),
];

export const handleControl = (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => handleControlRoutes(ROUTES, emulator, request, response, url);

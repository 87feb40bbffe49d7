// The control API for tests, scripts and demos, under `/__control`. Bodies are JSON; bad input answers
// 400 with a JSON error naming the problem.

import type { IncomingMessage, ServerResponse } from "node:http";

import { handleControlRoutes } from "../../common/control";
import type { Emulator } from "../emulator";
import { defineRoute, type Route } from "../router";
import {
  addExtensionRoute,
  createAccountRoute,
  getAccountRoute,
  listAccountsRoute,
  patchAccountRoute,
  patchExtensionRoute,
  setClientScriptRoute,
} from "./accounts";
import { callActionRoute, createCallRoute, getCallRoute, listCallsRoute } from "./calls";
import type { ControlHandler } from "./shared";
import {
  addRestFault,
  addWebhookFault,
  clearRestFaults,
  clearWebhookFaults,
  getAutopilot,
  health,
  listDeliveries,
  listRequests,
  listRestFaults,
  listWebhookFaults,
  reset,
  setAutopilot,
  setClock,
  zdEcho,
} from "./system";

const ACCOUNT = "/__control/accounts/:account";

const ROUTES: Route<ControlHandler>[] = [
  defineRoute("GET", "/__control/health", health),
  defineRoute("POST", "/__control/reset", reset),
  defineRoute("POST", "/__control/clock", setClock),
  defineRoute("POST", "/__control/faults", addRestFault),
  defineRoute("GET", "/__control/faults", listRestFaults),
  defineRoute("DELETE", "/__control/faults", clearRestFaults),
  defineRoute("GET", "/__control/requests", listRequests),
  defineRoute("POST", "/__control/zd-echo", zdEcho),
  defineRoute("GET", "/__control/autopilot", getAutopilot),
  defineRoute("POST", "/__control/autopilot", setAutopilot),
  defineRoute("POST", "/__control/accounts", createAccountRoute),
  defineRoute("GET", "/__control/accounts", listAccountsRoute),
  defineRoute("GET", ACCOUNT, getAccountRoute),
  defineRoute("PATCH", ACCOUNT, patchAccountRoute),
  defineRoute("POST", `${ACCOUNT}/extensions`, addExtensionRoute),
  defineRoute("PATCH", `${ACCOUNT}/extensions/:extension`, patchExtensionRoute),
  defineRoute("POST", `${ACCOUNT}/client-scripts`, setClientScriptRoute),
  defineRoute("POST", `${ACCOUNT}/calls`, createCallRoute),
  defineRoute("GET", `${ACCOUNT}/calls`, listCallsRoute),
  defineRoute("GET", `${ACCOUNT}/calls/:call`, getCallRoute),
  defineRoute("POST", `${ACCOUNT}/calls/:call/actions`, callActionRoute),
  defineRoute("POST", `${ACCOUNT}/webhook-faults`, addWebhookFault),
  defineRoute("GET", `${ACCOUNT}/webhook-faults`, listWebhookFaults),
  defineRoute("DELETE", `${ACCOUNT}/webhook-faults`, clearWebhookFaults),
  defineRoute("GET", `${ACCOUNT}/notifications`, listDeliveries),
];

export const handleControl = (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => handleControlRoutes(ROUTES, emulator, request, response, url);

// Top-level dispatch between the surfaces: the Klientiks REST API, the control API, the widget page
// and the client card and appointment pages. Anything a handler throws becomes a 500 instead of a crashed process.

import type { IncomingMessage, ServerResponse } from "node:http";

import type { Emulator } from "./emulator";
import { RequestBodyTooLargeError, sendJson } from "./http";
import { redactUrl } from "./redact";
import { isRestApiPath } from "./rest/url";
import { handleAppointmentPage, isAppointmentPagePath } from "./routes/appointment-page";
import { handleClientPage, isClientPagePath } from "./routes/client-page";
import { handleControl } from "./routes/control";
import { handleRestApi } from "./routes/restapi";
import { handleWidget, isWidgetPath } from "./routes/widget";

const logNonApiRequest = (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): void => {
  response.on("close", () => {
    emulator.logger.info(
      `${request.method ?? "GET"} ${redactUrl(`${url.pathname}${url.search}`)} → ${response.statusCode}`,
    );
  });
};

export const routeRequest = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  try {
    // The REST API logs itself, with the token redacted.
    if (isRestApiPath(url.pathname)) return await handleRestApi(emulator, request, response, url);
    logNonApiRequest(emulator, request, response, url);
    if (url.pathname.startsWith("/__control/"))
      return await handleControl(emulator, request, response, url);
    if (isWidgetPath(url.pathname)) return await handleWidget(emulator, request, response, url);
    if (isClientPagePath(url.pathname) && request.method === "GET")
      return handleClientPage(emulator, request, response, url);
    if (isAppointmentPagePath(url.pathname))
      return await handleAppointmentPage(emulator, request, response, url);
    sendJson(response, 404, { error: "Not found" });
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
    } else if (error instanceof RequestBodyTooLargeError) {
      sendJson(response, 413, { error: error.message });
    } else {
      emulator.logger.error(`${request.method ?? "GET"} ${redactUrl(url.pathname)} failed`, error);
      sendJson(response, 500, { error: "Internal emulator error" });
    }
  }
};

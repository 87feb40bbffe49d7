// Top-level dispatch between the surfaces: recording downloads, the Zadarma REST API, the control API,
// the softphone endpoints and pages. Anything a handler throws becomes a 500 instead of a crashed process.

import type { IncomingMessage, ServerResponse } from "node:http";

import { guardRequest } from "../common/http-server";
import { handleControl } from "./control/router";
import type { Emulator } from "./emulator";
import { sendJson } from "./http";
import { handlePhoneApi, PHONE_API_PREFIX } from "./phones/api";
import { handlePage, isPagePath } from "./phones/routes";
import { isDownloadPath, serveRecording } from "./recording-download";
import { handleRest, isRestPath } from "./rest/handler";

const dispatch = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  if (isDownloadPath(url.pathname)) return serveRecording(emulator, request, response, url);
  if (isRestPath(url.pathname)) return handleRest(emulator, request, response, url);
  if (url.pathname.startsWith("/__control/"))
    return handleControl(emulator, request, response, url);
  if (url.pathname.startsWith(PHONE_API_PREFIX))
    return handlePhoneApi(emulator, request, response, url);
  if (isPagePath(url.pathname)) return handlePage(emulator, request, response, url);
  sendJson(response, 404, { status: "error", message: "not found" });
};

export const routeRequest = (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> =>
  guardRequest(emulator.logger, request, response, (url) =>
    dispatch(emulator, request, response, url),
  );

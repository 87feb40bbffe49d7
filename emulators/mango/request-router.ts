// Top-level dispatch between the surfaces: one-time recording files, the VPBX API, the control API, the
// phone endpoints and the pages. Anything a handler throws becomes a 500 instead of a crashed process.

import type { IncomingMessage, ServerResponse } from "node:http";

import { RequestBodyTooLargeError, sendJson } from "../zadarma/http";
import { handleApi, isApiPath } from "./api/handler";
import { isFilePath, serveRecordingFile } from "./api/recording";
import { handleControl } from "./control/router";
import type { Emulator } from "./emulator";
import { handlePhoneApi, PHONE_API_PREFIX } from "./phones/api";
import { handlePage, isPagePath } from "./phones/routes";

const dispatch = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  if (isFilePath(url.pathname)) return serveRecordingFile(emulator, request, response, url);
  if (isApiPath(url.pathname)) return handleApi(emulator, request, response, url);
  if (url.pathname.startsWith("/__control/"))
    return handleControl(emulator, request, response, url);
  if (url.pathname.startsWith(PHONE_API_PREFIX))
    return handlePhoneApi(emulator, request, response, url);
  if (isPagePath(url.pathname)) return handlePage(emulator, request, response, url);
  sendJson(response, 404, { error: "not found" });
};

export const routeRequest = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  try {
    await dispatch(emulator, request, response, url);
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
    } else if (error instanceof RequestBodyTooLargeError) {
      sendJson(response, 413, { error: error.message });
    } else {
      emulator.logger.error(`${request.method ?? "GET"} ${url.pathname} failed`, error);
      sendJson(response, 500, { error: "Internal emulator error" });
    }
  }
};

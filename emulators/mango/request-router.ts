// Top-level dispatch between the surfaces: one-time recording files, the VPBX API, the control API, the
// phone endpoints and the pages. Anything a handler throws becomes a 500 instead of a crashed process.

import type { IncomingMessage, ServerResponse } from "node:http";

import { guardRequest } from "../common/http-server";
import { sendJson } from "../zadarma/http";
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

export const routeRequest = (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> =>
  guardRequest(emulator.logger, request, response, (url) =>
    dispatch(emulator, request, response, url),
  );

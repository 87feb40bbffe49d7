// How each terminal fault mode answers (klientiks-contract §17.3) and how the response-altering
// modes rewrite a normal answer.

import type { ServerResponse } from "node:http";

import type { FaultPlan, TerminalFault } from "../faults";
import { sendHtml, sendJson, sendText } from "../http";
import type { JsonValue } from "../types";
import { ACCESS_DENIED } from "./auth";
import { emptyItems } from "./pagination";

const STATUS_TEXT: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export const TOO_MANY_REQUESTS = "Too many requests";

const dropConnection = (response: ServerResponse): void => {
  // Promise a longer body than we send, then cut the socket: the client sees a truncated response.
  response.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": "4096",
  });
  response.write('{"offset":50,"items":[{"id":', () => response.destroy());
};

export const sendTerminalFault = (response: ServerResponse, fault: TerminalFault): void => {
  switch (fault.mode) {
    case "http_error": {
      const status = fault.status ?? 500;
      const body = fault.body ?? "html";
      if (body === "html") {
        sendHtml(
          response,
          status,
          `<html><body><h1>${status} ${STATUS_TEXT[status] ?? "Error"}</h1></body></html>`,
        );
      } else if (body === "empty") {
        sendText(response, status, "text/plain", "");
      } else {
        sendJson(response, status, body);
      }
      return;
    }
    case "rate_limit": {
      const retryAfter = fault.retry_after === undefined ? 1 : fault.retry_after;
      sendJson(
        response,
        429,
        { error: TOO_MANY_REQUESTS },
        retryAfter === null ? {} : { "retry-after": String(retryAfter) },
      );
      return;
    }
    case "auth_error":
      sendJson(response, fault.as === "body" ? 200 : 401, { error: ACCESS_DENIED });
      return;
    case "drop_connection":
      dropConnection(response);
      return;
    case "hang":
      // Never answer; the socket stays open until the client gives up or the emulator closes.
      return;
  }
};

const isObject = (value: JsonValue): value is { [key: string]: JsonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `no_data`: an empty list or single-object answer, as the string or as `[]` (§4.1, §17.3). */
export const applyNoData = (body: JsonValue, as: NonNullable<FaultPlan["noData"]>): JsonValue => {
  if (!isObject(body) || !("items" in body)) return body;
  return {
    ...body,
    items: emptyItems(as),
    ...("count" in body ? { count: 0 } : {}),
  };
};

/** `malformed_json`: a 200 whose body stops halfway, so it never parses. */
export const truncateJson = (text: string): string =>
  text.slice(0, Math.max(1, Math.floor(text.length / 2)));

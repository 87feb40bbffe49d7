// The REST methods the emulator speaks, by HTTP method and path under `/v1/` (trailing slash optional).

import { deleteCallInfoUrl, getCallInfo, setCallInfoUrl, setNotifications } from "./callinfo";
import type { RestHandler } from "./context";
import { extensionInfo, extensionStatus, listExtensions } from "./extensions";
import { getBalance, getTimezone, requestCallback } from "./info";
import { requestRecording } from "./recordings";
import { pbxStatistics } from "./statistics";

type RestRoute = { httpMethods: string[]; pattern: RegExp; handle: RestHandler };

const route = (httpMethods: string[], method: string, handle: RestHandler): RestRoute => ({
  httpMethods,
  pattern: new RegExp(`^${method.replace("{n}", "(\\d+)")}$`),
  handle,
});

const ROUTES: RestRoute[] = [
  route(["GET"], "info/balance", getBalance),
  route(["GET"], "info/timezone", getTimezone),
  route(["GET"], "request/callback", requestCallback),
  route(["GET"], "pbx/internal", listExtensions),
  route(["GET"], "pbx/internal/{n}/status", extensionStatus),
  route(["GET"], "pbx/internal/{n}/info", extensionInfo),
  route(["GET"], "pbx/record/request", requestRecording),
  route(["GET"], "statistics/pbx", pbxStatistics),
  route(["GET"], "pbx/callinfo", getCallInfo),
  route(["POST", "PUT"], "pbx/callinfo/url", setCallInfoUrl),
  route(["DELETE"], "pbx/callinfo/url", deleteCallInfoUrl),
  route(["POST", "PUT"], "pbx/callinfo/notifications", setNotifications),
];

export type RestMatch =
  | { kind: "found"; handle: RestHandler; captures: string[] }
  | { kind: "not_found" | "method_not_allowed" };

/** `method` is the path without `/v1/` and slashes: `pbx/internal/100/status`. */
export const findRestRoute = (httpMethod: string, method: string): RestMatch => {
  let pathMatched = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(method);
    if (!match) continue;
    pathMatched = true;
    if (!candidate.httpMethods.includes(httpMethod)) continue;
    return { kind: "found", handle: candidate.handle, captures: match.slice(1) };
  }
  return { kind: pathMatched ? "method_not_allowed" : "not_found" };
};

/** Statistics methods share the smaller per-minute budget. */
export const isStatisticsMethod = (method: string): boolean => method.startsWith("statistics");

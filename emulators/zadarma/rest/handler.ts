// The Zadarma-compatible REST API under `/v1/`. Order of checks per request: injected faults (latency,
// then a terminal one) → Authorization signature (401) → per-minute budgets (429) → method lookup →
// handler, then the response-altering faults. Every request is logged with its signature redacted.

import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import { findAccountByKey } from "../accounts";
import type { RestFaultSpec } from "../control-schemas";
import type { Emulator } from "../emulator";
import { isFinalRestFault, type FaultEntry } from "../faults";
import { readBody, sendJson, sendText } from "../http";
import { rateLimitHeaders } from "../rate-limit";
import { redactAuthorization } from "../redact";
import type { Account } from "../types";
import { authenticate, splitAuthorization } from "./auth";
import { errorBody, RestError, type RestResult } from "./envelope";
import { findRestRoute, isStatisticsMethod } from "./routes";

const API_PREFIX = "/v1/";
const STATUS_TEXT: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export const isRestPath = (pathname: string): boolean => pathname.startsWith(API_PREFIX);

/** `/v1/pbx/internal/100/status/` → `pbx/internal/100/status`. */
const methodOf = (pathname: string): string =>
  pathname.slice(API_PREFIX.length).replace(/\/+$/, "");

/** GET and DELETE carry their parameters in the query; POST and PUT in a form body (the official client). */
const readParams = async (request: IncomingMessage, url: URL): Promise<URLSearchParams> => {
  const httpMethod = request.method ?? "GET";
  if (httpMethod === "GET" || httpMethod === "DELETE" || httpMethod === "HEAD")
    return url.searchParams;
  const body = await readBody(request);
  return body.trim() === "" ? url.searchParams : new URLSearchParams(body);
};

type Tracked = {
  emulator: Emulator;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  method: string;
  faults: string[];
};

/** Logs the request once the socket is done with it; `accountId` is the owner of the key presented, if any. */
const track = (
  { emulator, request, response, url, method, faults }: Tracked,
  accountId: string | null,
): void => {
  const startedAt = performance.now();
  response.on("close", () => {
    const status = response.headersSent ? response.statusCode : null;
    const latencyMs = Math.round(performance.now() - startedAt);
    const path = `${url.pathname}${url.search}`;
    emulator.state.requests.record({
      at: new Date().toISOString(),
      http_method: request.method ?? "GET",
      path,
      method,
      account_id: accountId,
      authorization: redactAuthorization(request.headers.authorization),
      status,
      latency_ms: latencyMs,
      faults,
    });
    emulator.logger.info(
      `${request.method ?? "GET"} ${path} → ${status ?? "no answer"} (${latencyMs} ms)`,
    );
  });
};

const sendTerminalFault = (response: ServerResponse, fault: FaultEntry<RestFaultSpec>): boolean => {
  if (fault.mode === "http_error") {
    const status = fault.status ?? 500;
    sendText(
      response,
      status,
      "text/html; charset=utf-8",
      `<html><body><h1>${status} ${STATUS_TEXT[status]}</h1></body></html>`,
    );
    return true;
  }
  if (fault.mode === "rate_limit") {
    sendJson(response, 429, errorBody("Too many requests"), {
      "retry-after": String(fault.retry_after ?? 60),
    });
    return true;
  }
  // `hang`: never answer; the socket stays open until the client gives up or the emulator closes.
  return fault.mode === "hang";
};

/** Applies the account's per-minute budgets; answers 429 and returns null when one is spent. */
const takeBudget = (
  emulator: Emulator,
  account: Account,
  method: string,
  response: ServerResponse,
): Record<string, string> | null => {
  const { rateLimiter } = emulator.state;
  const now = emulator.clock.now();
  const general = rateLimiter.take(`${account.id}:general`, account.rateLimits.generalPerMinute);
  const decision =
    general.allowed && isStatisticsMethod(method)
      ? rateLimiter.take(`${account.id}:statistics`, account.rateLimits.statisticsPerMinute)
      : general;
  const headers = rateLimitHeaders(decision, now);
  if (decision.allowed) return headers;
  const retryAfter = String(Math.max(1, Math.ceil(decision.resetInMs / 1000)));
  sendJson(response, 429, errorBody("Too many requests"), {
    ...headers,
    "retry-after": retryAfter,
  });
  return null;
};

const send = (
  response: ServerResponse,
  result: RestResult,
  headers: Record<string, string>,
  malformed: boolean,
): void => {
  const text = JSON.stringify(result.body);
  // `malformed_json`: a 200 whose body stops halfway, so it never parses.
  const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  sendText(response, result.httpStatus ?? 200, "application/json; charset=utf-8", body, headers);
};

export const handleRest = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => {
  const { state } = emulator;
  const method = methodOf(url.pathname);
  const httpMethod = request.method ?? "GET";
  const keyOwner = findAccountByKey(
    state.accounts,
    splitAuthorization(request.headers.authorization)?.key ?? "",
  );
  const fired = state.restFaults.fire({ method, accountId: keyOwner?.id ?? null });
  track(
    { emulator, request, response, url, method, faults: fired.map((fault) => fault.mode) },
    keyOwner?.id ?? null,
  );

  const latencyMs = fired.reduce(
    (total, fault) => total + (fault.mode === "latency" ? fault.ms : 0),
    0,
  );
  // An unref'd timer: a pending latency fault must not keep a closed emulator's process alive.
  if (latencyMs > 0) await sleep(latencyMs, undefined, { ref: false });
  const terminal = fired.find(isFinalRestFault);
  if (terminal && sendTerminalFault(response, terminal)) return;

  const params = await readParams(request, url);
  const auth = authenticate(
    state.accounts,
    request.headers.authorization,
    url.pathname,
    Array.from(params),
  );
  if (!auth.ok) {
    return sendJson(response, 401, errorBody("Not authorized"), {
      "www-authenticate": `ZadarmaSignature error="${auth.reason}"`,
    });
  }
  const { account } = auth;
  const headers = takeBudget(emulator, account, method, response);
  if (!headers) return;

  const route = findRestRoute(httpMethod, method);
  if (route.kind !== "found") {
    const status = route.kind === "method_not_allowed" ? 405 : 404;
    return sendJson(
      response,
      status,
      errorBody(`method ${httpMethod} ${url.pathname} not found`),
      headers,
    );
  }
  const malformed = fired.some((fault) => fault.mode === "malformed_json");
  try {
    const result = await route.handle({
      emulator,
      account,
      params,
      captures: route.captures,
      origin: `http://${request.headers.host ?? "127.0.0.1"}`,
      noMoney: fired.some((fault) => fault.mode === "no_money"),
    });
    send(response, result, headers, malformed);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    send(
      response,
      { httpStatus: error.httpStatus, body: errorBody(error.message) },
      headers,
      malformed,
    );
  }
};

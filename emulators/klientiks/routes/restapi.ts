// The Klientiks-compatible REST API (klientiks-contract §17.1). Order of checks per request:
// grammar → injected faults → credentials (§4.5) → throttling (§6) → method lookup → handler,
// then the response-altering faults. Every request is counted and logged with its token redacted.

import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import type { Emulator } from "../emulator";
import type { FaultPlan } from "../faults";
import { isFormEncoded, readBody, sendJson, sendText } from "../http";
import { redactUrl } from "../redact";
import { authenticate } from "../rest/auth";
import { statusTrueWithErrorsEnvelope } from "../rest/envelopes";
import {
  applyNoData,
  sendTerminalFault,
  TOO_MANY_REQUESTS,
  truncateJson,
} from "../rest/fault-responses";
import { findRestRoute } from "../rest/routes";
import { parseRestPath, type RestPath } from "../rest/url";
import type { JsonValue } from "../types";

const UNKNOWN_METHOD = "Unknown method";

const sendApiBody = (response: ServerResponse, body: JsonValue, plan: FaultPlan): void => {
  const text = JSON.stringify(plan.noData ? applyNoData(body, plan.noData) : body);
  sendText(
    response,
    200,
    "application/json; charset=utf-8",
    plan.malformedJson ? truncateJson(text) : text,
  );
};

type TrackedRequest = {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  path: RestPath | null;
  faults: string[];
};

/** Counts the request towards the account's stats and logs it once the socket is done with it. */
const trackRequest = (
  emulator: Emulator,
  { request, response, url, path, faults }: TrackedRequest,
): void => {
  const { state, logger } = emulator;
  const method = request.method ?? "GET";
  const redactedPath = redactUrl(`${url.pathname}${url.search}`);
  const startedAt = performance.now();
  const endConcurrency = path?.accountId ? state.stats.begin(path.accountId) : () => undefined;

  response.on("close", () => {
    endConcurrency();
    const status = response.headersSent ? response.statusCode : null;
    const latencyMs = Math.round(performance.now() - startedAt);
    state.requests.record({
      at: new Date().toISOString(),
      method,
      path: redactedPath,
      account_id: path?.accountId ?? null,
      action: path?.action ?? null,
      model: path?.model ?? null,
      status,
      completed: response.writableFinished,
      latency_ms: latencyMs,
      faults,
    });
    logger.info(`${method} ${redactedPath} → ${status ?? "no answer"} (${latencyMs} ms)`);
  });
};

export const handleRestApi = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const { state } = emulator;
  const method = request.method ?? "GET";
  const path = parseRestPath(url.pathname, request.headers.authorization);
  const plan =
    path &&
    state.faults.plan({
      action: path.action,
      model: path.model,
      httpMethod: method,
      accountId: path.accountId,
    });
  trackRequest(emulator, { request, response, url, path, faults: plan?.fired ?? [] });
  if (!path || !plan) return sendJson(response, 404, { error: UNKNOWN_METHOD });

  // An unref'd timer: a pending latency fault must not keep a closed emulator's process alive.
  if (plan.latencyMs > 0) await sleep(plan.latencyMs, undefined, { ref: false });
  if (plan.terminal) return sendTerminalFault(response, plan.terminal);

  const auth = authenticate(state, path);
  if (!auth.ok) return sendJson(response, 401, { error: auth.error });
  const { account } = auth;
  const { rateLimit } = account.settings;
  if (rateLimit && !state.throttle.tryTake(account.credentials.accountId, rateLimit)) {
    return sendJson(response, 429, { error: TOO_MANY_REQUESTS }, { "retry-after": "1" });
  }

  const route = findRestRoute(method, path);
  if (!route) return sendJson(response, 404, { error: UNKNOWN_METHOD });

  const isWrite = route.method === "POST";
  if (isWrite && plan.statusTrueWithErrors)
    return sendApiBody(response, statusTrueWithErrorsEnvelope(), plan);
  // Only form bodies are read; a JSON body counts as an empty form, like PHP's $_POST (klientiks-contract §3).
  const rawBody = isWrite ? await readBody(request) : "";
  const form = new URLSearchParams(isFormEncoded(request) ? rawBody : "");
  const body = route.handle({
    emulator,
    account,
    path,
    query: url.searchParams,
    form,
    view: { statusOverride: plan.unknownStatus },
  });
  sendApiBody(response, body, plan);
};

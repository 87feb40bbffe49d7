// The VPBX API under `/vpbx/`. Order of checks per request: injected faults (latency, then a terminal
// one) → POST only → the lockout (HTTP 401 while the key is blocked) → form fields, key, `sign`, `json`
// (3xxx) → the command's limit (HTTP 503, result 5008) → the command. Every 3xxx answer counts
// towards the lockout. Every request is logged with its result code; the `sign` is not.

import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import { readBody, sendJson, sendText } from "../../zadarma/http";
import { findAccountByKey } from "../accounts";
import type { ApiFaultSpec } from "../control-schemas";
import type { Emulator } from "../emulator";
import { isFinalApiFault, type FaultEntry } from "../faults";
import { limitClassOf } from "../limits";
import { mangoSign, sameSign } from "../sign";
import { callback, hangup } from "./callback";
import type { ApiAnswer, ApiHandler } from "./context";
import { recordingPost } from "./recording";
import { ApiError, isWrongRequest, RESULT } from "./results";
import { statsRequest, statsResult } from "./stats";
import { users } from "./users";

const API_PREFIX = "/vpbx/";

const COMMANDS: Record<string, ApiHandler> = {
  "commands/callback": callback,
  "commands/call/hangup": hangup,
  "queries/recording/post": recordingPost,
  "stats/request": statsRequest,
  "stats/result": statsResult,
  "config/users/request": users,
};

export const isApiPath = (pathname: string): boolean => pathname.startsWith(API_PREFIX);

/** What the request log records once the answer is out. */
type Outcome = { accountId: string | null; json: string | null; result: number | null };

const sendTerminalFault = (response: ServerResponse, fault: FaultEntry<ApiFaultSpec>): boolean => {
  if (fault.mode === "http_error") {
    const status = fault.status ?? 500;
    sendText(
      response,
      status,
      "text/html; charset=utf-8",
      `<html><body><h1>${status}</h1></body></html>`,
    );
    return true;
  }
  if (fault.mode === "limit") {
    sendJson(response, 503, { result: RESULT.limitExceeded });
    return true;
  }
  // `hang`: never answer; the socket stays open until the client gives up or the emulator closes.
  return fault.mode === "hang";
};

const sendAnswer = (response: ServerResponse, answer: ApiAnswer, malformed: boolean): void => {
  if (answer.kind === "redirect") {
    response.writeHead(302, { location: answer.location, "content-length": "0" });
    response.end();
    return;
  }
  if (answer.kind === "text")
    return sendText(response, answer.status, answer.contentType, answer.body);
  const text = JSON.stringify(answer.body);
  // `malformed_json`: a 200 whose body stops halfway, so it never parses.
  const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  sendText(response, answer.status ?? 200, "application/json; charset=utf-8", body);
};

const parseJson = (text: string): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(RESULT.badFormat, "json is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ApiError(RESULT.badFormat, "json must be an object");
  return parsed as Record<string, unknown>;
};

export const handleApi = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const { state } = emulator;
  const command = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, "");
  const startedAt = performance.now();
  const form = request.method === "POST" ? new URLSearchParams(await readBody(request)) : null;
  const key = form?.get("vpbx_api_key") ?? "";
  const keyOwner = findAccountByKey(state.accounts, key);
  const outcome: Outcome = {
    accountId: keyOwner?.id ?? null,
    json: form?.get("json") ?? null,
    result: null,
  };
  const fired = state.apiFaults.fire({ command, accountId: outcome.accountId });
  response.on("close", () => {
    const status = response.headersSent ? response.statusCode : null;
    const latencyMs = Math.round(performance.now() - startedAt);
    state.requests.record({
      at: new Date().toISOString(),
      http_method: request.method ?? "GET",
      path: url.pathname,
      command,
      account_id: outcome.accountId,
      json: outcome.json,
      status,
      result: outcome.result,
      latency_ms: latencyMs,
      faults: fired.map((fault) => fault.mode),
    });
    emulator.logger.info(
      `${request.method ?? "GET"} ${url.pathname} → ${status ?? "no answer"}${outcome.result === null ? "" : ` result ${outcome.result}`} (${latencyMs} ms)`,
    );
  });

  const latencyMs = fired.reduce(
    (total, fault) => total + (fault.mode === "latency" ? fault.ms : 0),
    0,
  );
  if (latencyMs > 0) await sleep(latencyMs, undefined, { ref: false });
  const terminal = fired.find(isFinalApiFault);
  if (terminal?.mode === "limit") outcome.result = RESULT.limitExceeded;
  if (terminal && sendTerminalFault(response, terminal)) return;

  const answerResult = (result: number, message?: string, status = 200): void => {
    outcome.result = result;
    sendJson(response, status, message === undefined ? { result } : { result, message });
  };
  if (!form) return answerResult(RESULT.notPost, "use POST", 405);

  const now = emulator.clock.now();
  const blockedUntil = state.lockout.blockedUntil(key, now);
  if (blockedUntil !== null) {
    const retryAfter = Math.max(1, Math.ceil((blockedUntil - now) / 1000));
    return sendJson(
      response,
      401,
      { message: `too many wrong requests; blocked until ${new Date(blockedUntil).toISOString()}` },
      { "retry-after": String(retryAfter) },
    );
  }

  const malformed = fired.some((fault) => fault.mode === "malformed_json");
  try {
    const sign = form.get("sign");
    const json = form.get("json");
    if (!key || !sign || json === null)
      throw new ApiError(RESULT.missingParam, "vpbx_api_key, sign and json are required");
    if (!keyOwner) throw new ApiError(RESULT.unknownKey, "unknown vpbx_api_key");
    if (!sameSign(mangoSign(key, json, keyOwner.salt), sign))
      throw new ApiError(RESULT.badSign, "sign does not match");
    const parsed = parseJson(json);
    const handler = COMMANDS[command];
    if (!handler) return answerResult(RESULT.unsupported, `unknown command ${command}`, 404);
    if (!state.rateLimiter.take(keyOwner.id, limitClassOf(command), now))
      return answerResult(RESULT.limitExceeded, "request limit exceeded", 503);
    const answer = handler({
      emulator,
      account: keyOwner,
      json: parsed,
      origin: `http://${request.headers.host ?? "127.0.0.1"}`,
    });
    if (answer.kind === "json" && typeof answer.body.result === "number")
      outcome.result = answer.body.result;
    sendAnswer(response, answer, malformed);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (isWrongRequest(error.result)) state.lockout.strike(key, now);
    answerResult(error.result, error.message);
  }
};

import { describeNetworkError, isTimeoutError, parseRetryAfterMs } from "@/lib/outbound-failure";

import { isRecord } from "./coerce";
import type { TZadarmaCredentials } from "./credentials";
import {
  classifyZadarmaMessage,
  isBlockedMessage,
  ZadarmaError,
  type TZadarmaErrorOptions,
} from "./errors";
import { signRestRequest } from "./rest-signature";
import type { TZadarmaThrottle } from "./throttle";

export type TZadarmaHttpRequest = {
  baseUrl: string;
  credentials: TZadarmaCredentials;
  method: "GET" | "POST";
  /** The API method without version or slashes, e.g. `request/callback`. */
  apiMethod: string;
  params: Record<string, string>;
  timeoutMs: number;
  throttle: TZadarmaThrottle;
  isStatistics?: boolean;
  fetch: typeof fetch;
};

/** Reliability R9: Zadarma's 429 without `Retry-After` waits a minute, the length of its rate window. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

// Statistics rows carry `call_id` as a JSON number with 7 decimals (1439981389.2702773); parsed as a
// double it could lose the digits that make it the recording's id. Quote it before parsing.
const CALL_ID_NUMBER = /("call_id"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

const parseJson = (text: string): unknown =>
  JSON.parse(text.replace(/^\uFEFF/, "").replace(CALL_ID_NUMBER, '$1"$2"'));

/** Zadarma's `message` of an error body, or `""`. */
const readMessage = (body: unknown): string =>
  isRecord(body) && typeof body.message === "string" ? body.message : "";

type TFailure = Omit<TZadarmaErrorOptions, "secrets">;

/** What an HTTP status outside 2xx means (docs/telephony-zadarma.md, "Errors"). */
const classifyStatus = (status: number, headers: Headers, message: string): TFailure => {
  const said = message === "" ? "" : ` «${message}»`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(headers.get("retry-after"), DEFAULT_RETRY_AFTER_MS);
    return {
      code: "rate_limited",
      httpStatus: status,
      retryAfterMs,
      message: `HTTP 429${said}, retry after ${retryAfterMs} ms`,
    };
  }
  if (status >= 500)
    return { code: "server_error", httpStatus: status, message: `HTTP ${status}${said}` };
  if (status === 401 || status === 403) {
    return {
      code: isBlockedMessage(message) ? "blocked" : "wrong_keys",
      httpStatus: status,
      message: `HTTP ${status}${said}`,
    };
  }
  if (status === 404) return { code: "not_found", httpStatus: status, message: `HTTP 404${said}` };
  const code = message === "" ? "invalid_request" : classifyZadarmaMessage(message);
  return { code, httpStatus: status, message: `HTTP ${status}${said}` };
};

/**
 * Sends one signed request to the Zadarma API (docs/telephony-zadarma.md, "Requests") and returns
 * the JSON body of a success. GET sends the signed, sorted parameters as the query; POST sends
 * them as an `application/x-www-form-urlencoded` body. Waits for the account's throttle first; the
 * timeout covers the request and its body. Every failure is a {@link ZadarmaError} whose message,
 * stack and cause contain neither the secret nor the Authorization header (reliability R25).
 */
export const requestZadarma = async (
  request: TZadarmaHttpRequest,
): Promise<Record<string, unknown>> => {
  const { credentials, method, timeoutMs } = request;
  const methodPath = `/v1/${request.apiMethod}/`;
  const context = `Zadarma ${method} ${methodPath}`;
  if (credentials.key.trim() === "" || credentials.secret === "") {
    throw new ZadarmaError({
      code: "wrong_keys",
      message: `${context}: the API key or secret is empty`,
    });
  }
  const { paramsString, authorization } = signRestRequest(methodPath, request.params, credentials);
  const secrets = [
    credentials.secret,
    authorization,
    authorization.slice(credentials.key.length + 1),
  ];
  const fail = ({ message, ...failure }: TFailure) =>
    new ZadarmaError({ ...failure, message: `${context}: ${message}`, secrets });

  const url = `${request.baseUrl.replace(/\/+$/, "")}${methodPath}${method === "GET" ? `?${paramsString}` : ""}`;
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: authorization,
  };
  if (method === "POST") headers["Content-Type"] = "application/x-www-form-urlencoded";

  await request.throttle.acquire(credentials.key, { isStatistics: request.isStatistics === true });
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(url, {
      method,
      headers,
      body: method === "POST" ? paramsString : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    if (isTimeoutError(error))
      throw fail({
        code: "timeout",
        message: `no complete answer within ${timeoutMs} ms`,
        cause: error,
      });
    throw fail({
      code: "unreachable",
      message: `network error: ${describeNetworkError(error)}`,
      cause: error,
    });
  }

  let body: unknown;
  let parseError: unknown;
  try {
    body = parseJson(text);
  } catch (error) {
    parseError = error;
  }
  if (response.status < 200 || response.status > 299)
    throw fail(classifyStatus(response.status, response.headers, readMessage(body)));
  if (parseError !== undefined || !isRecord(body)) {
    const what =
      text.trim() === ""
        ? "an empty body"
        : parseError === undefined
          ? "JSON that is not an object"
          : "a body that is not JSON";
    // A truncated or HTML answer is a hiccup worth retrying, like a 5xx (R9).
    const message = `HTTP ${response.status} with ${what}`;
    throw fail({
      code: "bad_response",
      isRetriable: true,
      httpStatus: response.status,
      message,
      cause: parseError,
    });
  }
  if (body.status === "error") {
    const message = readMessage(body);
    throw fail({
      code: classifyZadarmaMessage(message),
      httpStatus: response.status,
      message: `status error «${message}»`,
    });
  }
  return body;
};

import {
  createSecretScrubber,
  describeNetworkError,
  isTimeoutError,
  parseRetryAfterMs,
} from "@/lib/outbound-failure";
import { toStorableDeep, toStorableText } from "@/lib/text/storable-text";

import type { TKlientiksCredentials } from "./credentials";
import { classifyKlientiksErrorText, KlientiksError, type TKlientiksErrorOptions } from "./errors";
import type { TKlientiksResponse } from "./parse-envelope";
import { acquireKlientiksSlot, type TKlientiksThrottleConfig } from "./throttle";
import {
  buildKlientiksUrl,
  redactKlientiksUrl,
  type TKlientiksAction,
  type TKlientiksPathPairs,
  type TKlientiksQuery,
} from "./url";

export type TKlientiksHttpRequest = {
  baseUrl: string;
  credentials: TKlientiksCredentials;
  action: TKlientiksAction;
  path?: TKlientiksPathPairs;
  query?: TKlientiksQuery;
  /**
   * Fields of a write. Present → `POST` with an `application/x-www-form-urlencoded` body
   * (klientiks-contract §3).
   */
  form?: Readonly<Record<string, string>>;
  timeoutMs: number;
  throttle: TKlientiksThrottleConfig;
};

/** §4.5: wait this long after a 429 without `Retry-After`. */
const DEFAULT_RETRY_AFTER_MS = 2_000;

/** The `error` text of a JSON error body, or `""` (HTML error pages, empty bodies). */
const readErrorText = (text: string): string => {
  try {
    const body: unknown = JSON.parse(text);
    if (
      typeof body === "object" &&
      body !== null &&
      "error" in body &&
      typeof body.error === "string"
    )
      return toStorableText(body.error);
  } catch {
    // Not JSON: the status alone classifies the answer.
  }
  return "";
};

type TFailure = Omit<TKlientiksErrorOptions, "scrub">;

/** §4.5, §4.6: what an HTTP status outside 2xx means, or `null` for a 2xx whose body decides. */
const classifyStatus = (status: number, headers: Headers, text: string): TFailure | null => {
  const errorText = readErrorText(text);
  const said = errorText === "" ? "" : ` «${errorText}»`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(headers.get("retry-after"), DEFAULT_RETRY_AFTER_MS);
    return {
      kind: "rate_limited",
      httpStatus: status,
      retryAfterMs,
      message: `HTTP 429${said}, retry after ${retryAfterMs} ms`,
    };
  }
  if (status >= 500)
    return { kind: "transient", httpStatus: status, message: `HTTP ${status}${said}` };
  if (status === 401 || status === 403) {
    const kind = classifyKlientiksErrorText(errorText, { isAuthStatus: true });
    return { kind, httpStatus: status, message: `HTTP ${status}${said}` };
  }
  // §4.5: the emulator answers an unknown action or model with 404 "Unknown method"; any other 404
  // also means our URL addresses nothing, which retrying cannot fix.
  if (status === 404)
    return { kind: "unknown_method", httpStatus: status, message: `HTTP 404${said}` };
  // §4.6: other 4xx are non-retriable.
  if (status >= 400)
    return { kind: "bad_response", httpStatus: status, message: `HTTP ${status}${said}` };
  return null;
};

/**
 * Sends one request to the Klientiks REST API and returns the parsed JSON body with a redacted
 * description of the request. Throws {@link KlientiksError} classified per klientiks-contract §4.5
 * and §4.6: network errors, timeouts, 5xx and unparseable bodies are `transient`; 429 is
 * `rate_limited`; 401/403 are credential or disabled-API failures; 404 is `unknown_method`. The
 * token appears in no message, stack or cause (reliability R11).
 *
 * The call waits for a slot of the account's throttle first (§6) and holds it until the body has
 * been read. The timeout covers the request and the body, not the wait for a slot.
 */
export const requestKlientiks = async (
  request: TKlientiksHttpRequest,
): Promise<TKlientiksResponse> => {
  const { credentials, form, timeoutMs } = request;
  const method = form === undefined ? "GET" : "POST";
  if (!credentials.accountId || !credentials.userId || !credentials.accessToken) {
    // An empty segment would shift the path (`/t//m/…`) and come back as a misleading 404.
    throw new KlientiksError({
      kind: "invalid_credentials",
      message: "Klientiks credentials are incomplete",
    });
  }
  const url = buildKlientiksUrl(request);
  const context = `${method} ${redactKlientiksUrl(url)}`;
  const scrub = createSecretScrubber([credentials.accessToken]);
  const fail = ({ message, ...failure }: TFailure) =>
    new KlientiksError({ ...failure, message: `${context}: ${message}`, scrub });

  const headers: Record<string, string> = { Accept: "application/json" };
  // §3: writes are form-encoded; the emulator, like PHP's $_POST, ignores JSON bodies.
  if (form !== undefined)
    headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  const body = form === undefined ? undefined : new URLSearchParams(form).toString();

  const release = await acquireKlientiksSlot(credentials.accountId, request.throttle);
  try {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const message = isTimeoutError(error)
        ? `no complete answer within ${timeoutMs} ms`
        : `network error: ${describeNetworkError(error)}`;
      throw fail({ kind: "transient", message, cause: error });
    }
    const failure = classifyStatus(response.status, response.headers, text);
    if (failure) throw fail(failure);
    // §4: parse the text ourselves; a body that is not JSON (HTML, truncated) is retriable (§4.6).
    // Names, phones and custom fields from here end up in deals and contacts: cleaned for storage
    // once, here, for every caller (docs/input-text.md).
    try {
      return { body: toStorableDeep(JSON.parse(text.replace(/^\uFEFF/, ""))), context, scrub };
    } catch (error) {
      const what = text.trim() === "" ? "an empty body" : "a body that is not JSON";
      const message = `HTTP ${response.status} with ${what}`;
      throw fail({ kind: "transient", httpStatus: response.status, message, cause: error });
    }
  } finally {
    release();
  }
};

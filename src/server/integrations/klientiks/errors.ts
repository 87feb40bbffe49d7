import { toSafeErrorCause } from "@/lib/outbound-failure";

import { redactKlientiksUrl } from "./url";

/**
 * Why a Klientiks call failed. Retriable kinds are left to Inngest's backoff (reliability R9); the
 * others must fail the run without retrying.
 */
export type TKlientiksErrorKind =
  /** Wrong account id, user id or token (klientiks-contract §4.5). Non-retriable; the connection needs attention (R19). */
  | "invalid_credentials"
  /** The API is switched off or the tariff has no API, i.e. not «PRO+» or «API» (§1, §4.5). Non-retriable. */
  | "api_disabled"
  /** The requested entity does not exist: `getAppointment` answered `"No data"` (R9). Non-retriable. */
  | "not_found"
  /** HTTP 429; honour `retryAfterMs` (§4.5, §6). Retriable. */
  | "rate_limited"
  /** 5xx, network error, timeout or a body that is not JSON (§4.6). Retriable. */
  | "transient"
  /** A write answered with a falsy `status` or with field errors (§4.4). Non-retriable. */
  | "validation"
  /** A well-formed answer we cannot use: unexpected shape, an unrecognised API error, a runaway pagination. Non-retriable. */
  | "bad_response"
  /** HTTP 404 `Unknown method`: our URL is wrong, a programming error (§4.5). Non-retriable; alert. */
  | "unknown_method";

/** Field name → messages, as Klientiks reports them in `errors` (§4.4). Messages without a field sit under `_general`. */
export type TKlientiksFieldErrors = Readonly<Record<string, readonly string[]>>;

export type TKlientiksErrorOptions = {
  kind: TKlientiksErrorKind;
  message: string;
  httpStatus?: number;
  retryAfterMs?: number;
  fieldErrors?: TKlientiksFieldErrors;
  cause?: unknown;
  /**
   * Extra scrubbing applied before the `/t/{token}` redaction, for text that came from a response
   * body: Klientiks could echo the token outside a URL. See `createSecretScrubber` in src/lib/outbound-failure.ts.
   */
  scrub?: (text: string) => string;
};

const RETRIABLE_KINDS: ReadonlySet<TKlientiksErrorKind> = new Set(["transient", "rate_limited"]);
// Inngest stores error messages, stacks and causes in run state (reliability R11), so a cause is
// rebuilt from scrubbed text only (src/lib/outbound-failure.ts).

/**
 * The only error type this module throws for a failed Klientiks call. Its message, stack and cause
 * never contain the access token (klientiks-contract §2, reliability R11, R25).
 */
export class KlientiksError extends Error {
  readonly kind: TKlientiksErrorKind;
  readonly httpStatus?: number;
  /** For `rate_limited`: how long to wait, from `Retry-After` or the 2 s default (§4.5). */
  readonly retryAfterMs?: number;
  /** For `validation`: every message of the `errors` map, for the error log (§4.4). */
  readonly fieldErrors?: TKlientiksFieldErrors;

  constructor({
    kind,
    message,
    httpStatus,
    retryAfterMs,
    fieldErrors,
    cause,
    scrub: scrubSecrets,
  }: TKlientiksErrorOptions) {
    const scrub = (text: string) =>
      redactKlientiksUrl(scrubSecrets === undefined ? text : scrubSecrets(text));
    super(
      scrub(message),
      cause === undefined ? undefined : { cause: toSafeErrorCause(cause, scrub) },
    );
    this.name = "KlientiksError";
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfterMs = retryAfterMs;
    this.fieldErrors =
      fieldErrors &&
      Object.fromEntries(
        Object.entries(fieldErrors).map(([field, messages]) => [field, messages.map(scrub)]),
      );
  }

  /** True for `transient` and `rate_limited`: the same call may succeed later. */
  get isRetriable(): boolean {
    return RETRIABLE_KINDS.has(this.kind);
  }
}

// Our extension of §4.5: the emulator says "Access denied: API is not enabled for this account" when
// the API is off or the tariff lacks it, and plain "Access denied" for wrong credentials.
const API_DISABLED_WORDING = /\bapi\b|тариф|tariff|not enabled|disabled|отключ/i;
const ACCESS_WORDING = /access|denied|token|доступ|авториз/i;

/**
 * Classifies the text of an API error (klientiks-contract §4.5). With `isAuthStatus` (HTTP 401/403)
 * the status already says "access denied", so the text only tells a disabled API apart. On any
 * other status the text must use access wording to count as a credential failure.
 */
export const classifyKlientiksErrorText = (
  text: string,
  { isAuthStatus }: { isAuthStatus: boolean },
): Extract<TKlientiksErrorKind, "api_disabled" | "invalid_credentials" | "bad_response"> => {
  if (API_DISABLED_WORDING.test(text)) return "api_disabled";
  if (isAuthStatus || ACCESS_WORDING.test(text)) return "invalid_credentials";
  return "bad_response";
};

import { OutboundError, type TOutboundErrorOptions } from "@/lib/outbound-failure";

/**
 * Why a Mango Office call failed (docs/telephony-mango.md §5). `isRetriable` tells Inngest whether
 * to back off (reliability R9) or fail at once: Mango locks an API key out after a second wrong
 * request within 2 minutes, so nothing that Mango called wrong is ever retried in a loop.
 */
export type TMangoErrorCode =
  /** HTTP 401: the lockout (or wrong keys). Opens the connection's circuit; non-retriable. */
  | "locked_out"
  /** The connection's circuit is open: no request was sent. Non-retriable; `retryAfterMs` says when it closes. */
  | "circuit_open"
  /** A 3xxx result: Mango refused the request (wrong sign, key, parameters). Non-retriable. */
  | "invalid_request"
  /** HTTP 503 or result 5008: slow down. Retriable after `retryAfterMs`. */
  | "rate_limited"
  /** The recording, the statistics key or the user does not exist (HTTP 404). Non-retriable. */
  | "not_found"
  /** Another HTTP 5xx or 5xxx result. Retriable. */
  | "server_error"
  /** Refused connection, DNS failure, reset socket. Retriable. */
  | "unreachable"
  /** No complete answer within the timeout. Retriable; a callback may still have been placed. */
  | "timeout"
  /** An answer we cannot read, or a redirect to a host we do not follow. */
  | "bad_response";

const RETRIABLE_BY_DEFAULT: ReadonlySet<TMangoErrorCode> = new Set([
  "rate_limited",
  "server_error",
  "unreachable",
  "timeout",
]);

export type TMangoErrorOptions = TOutboundErrorOptions<TMangoErrorCode> & {
  /** Mango's `result` code when the answer had one (3100, 5008, …). */
  resultCode?: number;
};

/** The only error the Mango adapter throws for a failed call; it never carries the salt or the key. */
export class MangoError extends OutboundError<TMangoErrorCode> {
  readonly resultCode?: number;

  constructor({ resultCode, ...options }: TMangoErrorOptions) {
    super("MangoError", RETRIABLE_BY_DEFAULT, options);
    this.resultCode = resultCode;
  }
}

/** What a `result` code other than 1000 means (docs/telephony-mango.md §5). */
export const classifyMangoResult = (
  result: number,
): Extract<TMangoErrorCode, "invalid_request" | "rate_limited" | "server_error"> => {
  if (result === 5008) return "rate_limited";
  if (result >= 5000 && result <= 5999) return "server_error";
  return "invalid_request";
};

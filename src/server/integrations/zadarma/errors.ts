import { OutboundError, type TOutboundErrorOptions } from "@/lib/outbound-failure";

/**
 * Why a Zadarma call failed (docs/telephony-zadarma.md, "Errors"). `isRetriable` tells Inngest
 * whether to back off (reliability R9) or fail the run at once.
 */
export type TZadarmaErrorCode =
  /** HTTP 401: the key or secret is wrong (or the signature we built is). Non-retriable; the connection needs attention. */
  | "wrong_keys"
  /** The account or its API access is blocked. Non-retriable. */
  | "blocked"
  /** No answer at the network level: refused connection, DNS failure, reset socket. Retriable. */
  | "unreachable"
  /** No complete answer within the timeout. Retriable; a callback may still have been placed. */
  | "timeout"
  /** HTTP 429, or our own throttle would wait too long; honour `retryAfterMs`. Retriable. */
  | "rate_limited"
  /** The account has no money for the call (`no money` in the answer). Non-retriable. */
  | "no_money"
  /** Zadarma refused the request's content (wrong number, missing parameter), or we refused to send it. Non-retriable. */
  | "invalid_request"
  /** HTTP 404 or an answer saying the thing (recording, extension) does not exist. Non-retriable. */
  | "not_found"
  /** An answer we cannot read: not JSON (retriable, like a 5xx) or JSON of an unexpected shape (non-retriable). */
  | "bad_response"
  /** HTTP 5xx. Retriable. */
  | "server_error";

const RETRIABLE_BY_DEFAULT: ReadonlySet<TZadarmaErrorCode> = new Set([
  "unreachable",
  "timeout",
  "rate_limited",
  "server_error",
]);

export type TZadarmaErrorOptions = TOutboundErrorOptions<TZadarmaErrorCode>;

/** The only error this adapter throws for a failed Zadarma call; it never carries the secret. */
export class ZadarmaError extends OutboundError<TZadarmaErrorCode> {
  constructor(options: TZadarmaErrorOptions) {
    super("ZadarmaError", RETRIABLE_BY_DEFAULT, options);
  }
}

const NO_MONEY_WORDING = /money|средств|баланс/i;
const BLOCKED_WORDING = /block|заблок/i;
const NOT_FOUND_WORDING = /not found|не найден/i;

/**
 * What Zadarma's `message` of an error answer means, for answers whose HTTP status does not decide
 * (200 or 400 with `"status":"error"`). On 401 only the blocked wording is told apart.
 */
export const classifyZadarmaMessage = (
  message: string,
): Extract<TZadarmaErrorCode, "no_money" | "blocked" | "not_found" | "invalid_request"> => {
  if (NO_MONEY_WORDING.test(message)) return "no_money";
  if (BLOCKED_WORDING.test(message)) return "blocked";
  if (NOT_FOUND_WORDING.test(message)) return "not_found";
  return "invalid_request";
};

export const isBlockedMessage = (message: string): boolean => BLOCKED_WORDING.test(message);

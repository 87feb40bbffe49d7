/**
 * One error type with a closed code list (conventions C6). `code` drives the HTTP/tRPC status and
 * the localized message the user sees (`errors.<code>` in messages/*.json); `message` is internal
 * and never reaches the browser.
 */
export const APP_ERROR_CODES = {
  /** The caller is not signed in. */
  UNAUTHENTICATED: { http: 401, trpc: "UNAUTHORIZED" },
  /** Signed in, but the role does not allow this action. */
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN" },
  /** The row does not exist, or belongs to another workspace (indistinguishable on purpose, R14). */
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND" },
  /** Input failed validation; field errors travel alongside. */
  VALIDATION: { http: 400, trpc: "BAD_REQUEST" },
  /** The e-mail is already registered. */
  EMAIL_TAKEN: { http: 409, trpc: "CONFLICT" },
  /** The workspace address (slug) is taken. */
  SLUG_TAKEN: { http: 409, trpc: "CONFLICT" },
  /** Removing or demoting the last owner would orphan the workspace. */
  LAST_OWNER: { http: 409, trpc: "CONFLICT" },
  /** The invite link is unknown, used or revoked. */
  INVITE_INVALID: { http: 404, trpc: "NOT_FOUND" },
  /** The invite link is older than 7 days. */
  INVITE_EXPIRED: { http: 410, trpc: "BAD_REQUEST" },
  /** Too many attempts; retry after `retryAfterSeconds`. */
  RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  /** Klientiks rejected the credentials. */
  KLIENTIKS_AUTH_FAILED: { http: 400, trpc: "BAD_REQUEST" },
  /** The Klientiks account has the API switched off or its tariff has no API (PRO+ or API needed). */
  KLIENTIKS_API_DISABLED: { http: 400, trpc: "BAD_REQUEST" },
  /** Klientiks did not answer or answered garbage; worth retrying later. */
  KLIENTIKS_UNAVAILABLE: { http: 502, trpc: "BAD_GATEWAY" },
  /** Klientiks throttled us. */
  KLIENTIKS_RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  /** Zadarma refused the API key and secret (a signed call answered 401). */
  ZADARMA_WRONG_KEYS: { http: 400, trpc: "BAD_REQUEST" },
  /** Zadarma says the account is blocked. */
  ZADARMA_BLOCKED: { http: 400, trpc: "BAD_REQUEST" },
  /** Zadarma could not be reached, or failed on its side. */
  ZADARMA_UNREACHABLE: { http: 502, trpc: "BAD_GATEWAY" },
  /** Zadarma did not answer in time. */
  ZADARMA_TIMEOUT: { http: 504, trpc: "BAD_GATEWAY" },
  /** Zadarma throttled us (100 requests a minute per account). */
  ZADARMA_RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  /** Zadarma answered something we cannot use. */
  ZADARMA_UNEXPECTED: { http: 502, trpc: "BAD_GATEWAY" },
  /** Mango refused the API key or salt (a 3xxx answer to a signed request), docs/telephony-mango.md §5. */
  MANGO_WRONG_KEYS: { http: 400, trpc: "BAD_REQUEST" },
  /** Mango locked the key out (401) or our circuit is open: no request for 2 minutes. */
  MANGO_LOCKED_OUT: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  /** Mango could not be reached, failed on its side, or asked us to slow down. */
  MANGO_UNREACHABLE: { http: 502, trpc: "BAD_GATEWAY" },
  /** Mango did not answer in time. */
  MANGO_TIMEOUT: { http: 504, trpc: "BAD_GATEWAY" },
  /** Mango answered something we cannot use. */
  MANGO_UNEXPECTED: { http: 502, trpc: "BAD_GATEWAY" },
  /** The workspace has no active telephony connection. */
  TELEPHONY_NOT_CONNECTED: { http: 412, trpc: "PRECONDITION_FAILED" },
  /** Zadarma's `zd_echo` check of our notification address failed: it could not reach it. */
  TELEPHONY_WEBHOOK_NOT_CONFIRMED: { http: 400, trpc: "BAD_REQUEST" },
  /** Click-to-call: the member has no PBX extension mapped. */
  CALL_NO_EXTENSION: { http: 412, trpc: "PRECONDITION_FAILED" },
  /** Click-to-call: the member's extension is not registered (no softphone or desk phone online). */
  CALL_EXTENSION_OFFLINE: { http: 409, trpc: "CONFLICT" },
  /** Click-to-call: the number cannot be dialled. */
  CALL_WRONG_NUMBER: { http: 400, trpc: "BAD_REQUEST" },
  /** Click-to-call: this click's idempotency key already placed a call to another number (R21). */
  CALL_KEY_REUSED: { http: 409, trpc: "CONFLICT" },
  /** The action needs something that is not set up yet (e.g. a connection). */
  PRECONDITION_FAILED: { http: 412, trpc: "PRECONDITION_FAILED" },
  /** The workspace already has a site with this domain. */
  SITE_DOMAIN_TAKEN: { http: 409, trpc: "CONFLICT" },
  /** Another campaign of the same source already claims one of these `utm_campaign` values. */
  CAMPAIGN_VALUE_TAKEN: { http: 409, trpc: "CONFLICT" },
  /** The workspace already has this tracking number (the `phone` field). */
  TRACKING_NUMBER_TAKEN: { http: 409, trpc: "CONFLICT" },
  /** The site already has its one fallback number (the `usage` field). */
  FALLBACK_NUMBER_EXISTS: { http: 409, trpc: "CONFLICT" },
  /** The source picked for a mapping is not one of the workspace's (deleted, or another workspace's). */
  UNKNOWN_SOURCE: { http: 404, trpc: "NOT_FOUND" },
  /** Anything unexpected; details stay in the server log. */
  INTERNAL: { http: 500, trpc: "INTERNAL_SERVER_ERROR" },
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly retryAfterSeconds?: number;

  constructor(
    code: TAppErrorCode,
    options: { message?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(options.message ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

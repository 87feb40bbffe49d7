// Turning a failed call to an outside API into an error that is safe to keep: Inngest stores error
// messages, stacks and causes in run state (reliability R11, R25), and undici's errors can quote the
// request. Shared by every adapter under src/server/integrations/.

/** Secrets shorter than this are left alone: replacing them would mangle ordinary text. */
const MIN_SCRUBBED_LENGTH = 8;
const MAX_CAUSE_DEPTH = 3;

/** A function that replaces each secret with `***` wherever it occurs (longest first). */
export const createSecretScrubber = (secrets: readonly string[]): ((text: string) => string) => {
  const literals = secrets
    .filter((secret) => secret.length >= MIN_SCRUBBED_LENGTH)
    .sort((left, right) => right.length - left.length);
  return (text) => literals.reduce((result, secret) => result.replaceAll(secret, "***"), text);
};

/**
 * The cause rebuilt as a plain Error carrying only scrubbed text, its name and its error `code`
 * (ECONNREFUSED…), never the original object; nested causes likewise, three levels deep.
 */
export const toSafeErrorCause = (
  cause: unknown,
  scrub: (text: string) => string,
  depth = 0,
): Error => {
  if (!(cause instanceof Error)) return new Error(scrub(String(cause)));
  const hasNested = depth < MAX_CAUSE_DEPTH && cause.cause !== undefined;
  const nested = hasNested ? { cause: toSafeErrorCause(cause.cause, scrub, depth + 1) } : undefined;
  const safe = new Error(scrub(cause.message), nested);
  safe.name = cause.name;
  safe.stack = cause.stack === undefined ? undefined : scrub(cause.stack);
  const code: unknown = Reflect.get(cause, "code");
  if (typeof code === "string" || typeof code === "number") Object.assign(safe, { code });
  return safe;
};

/** True for the error `fetch` rejects with when its `AbortSignal.timeout` fires. */
export const isTimeoutError = (error: unknown): boolean =>
  error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");

/** A network failure in one line: undici says "fetch failed" and keeps the reason (ECONNREFUSED…) in `cause`. */
export const describeNetworkError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const reason = error.cause instanceof Error ? error.cause : undefined;
  if (reason === undefined) return error.message;
  const code: unknown = Reflect.get(reason, "code");
  return `${error.message} (${typeof code === "string" ? `${code}: ` : ""}${reason.message})`;
};

/** `Retry-After` as delay-seconds or an HTTP date, in ms; `fallbackMs` when absent or unreadable. */
export const parseRetryAfterMs = (
  header: string | null,
  fallbackMs: number,
  now = Date.now(),
): number => {
  const value = header?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - now);
};

export type TOutboundErrorOptions<TCode extends string> = {
  code: TCode;
  message: string;
  /** Overrides the code's default. */
  isRetriable?: boolean;
  retryAfterMs?: number;
  httpStatus?: number;
  cause?: unknown;
  /** Texts that must not survive into the message, stack or cause (keys, secrets, signatures). */
  secrets?: readonly string[];
};

/**
 * The base of each adapter's error (ZadarmaError, MangoError): a code, whether Inngest should
 * retry (reliability R9), and a message, stack and cause scrubbed of every secret (R11, R25).
 */
export class OutboundError<TCode extends string> extends Error {
  readonly code: TCode;
  readonly isRetriable: boolean;
  /** How long to wait before trying again, when the provider or our circuit says. */
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;

  constructor(
    name: string,
    retriableByDefault: ReadonlySet<TCode>,
    {
      code,
      message,
      isRetriable,
      retryAfterMs,
      httpStatus,
      cause,
      secrets = [],
    }: TOutboundErrorOptions<TCode>,
  ) {
    const scrub = createSecretScrubber(secrets);
    super(
      scrub(message),
      cause === undefined ? undefined : { cause: toSafeErrorCause(cause, scrub) },
    );
    this.name = name;
    this.code = code;
    this.isRetriable = isRetriable ?? retriableByDefault.has(code);
    this.retryAfterMs = retryAfterMs;
    this.httpStatus = httpStatus;
    if (this.stack !== undefined) this.stack = scrub(this.stack);
  }
}

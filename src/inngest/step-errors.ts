import { NonRetriableError, RetryAfterError } from "inngest";

import {
  asDeliveryFailure,
  DeliveryFailure,
  isDeliveryErrorCode,
} from "@/server/domain/inbox/delivery-failure";

/**
 * Classified domain failures become Inngest's own retry signals (reliability R9). Every message
 * starts with the failure's code: Inngest keeps only name, message and stack of an error's causes
 * in run state, so the message is what `onFailure` can read the code back from.
 */
export function toInngestError(error: unknown): Error {
  const failure = asDeliveryFailure(error);
  const message = `${failure.code}: ${failure.message}`;
  if (!failure.isRetriable) return new NonRetriableError(message, { cause: failure });
  if (failure.retryAfterMs !== undefined)
    return new RetryAfterError(message, failure.retryAfterMs, { cause: failure });
  return new Error(message, { cause: failure });
}

/** Runs a step body and rethrows its failure in the form Inngest understands. */
export async function classified<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toInngestError(error);
  }
}

const CODE_PREFIX = /^([a-z_]+): /;

/**
 * The classified failure behind the error `onFailure` receives. That is a deserialized copy of the
 * run's error, not the DeliveryFailure the step threw, so the code is read back from the message
 * prefix that toInngestError wrote (or a surviving `code`).
 */
export function failureOfRun(error: unknown): DeliveryFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth += 1) {
    if (current instanceof DeliveryFailure) return current;
    const { code, message, cause } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    const text = typeof message === "string" ? message : "";
    if (isDeliveryErrorCode(code)) return new DeliveryFailure(code, { message: text || code });
    const prefix = CODE_PREFIX.exec(text);
    if (prefix && isDeliveryErrorCode(prefix[1]))
      return new DeliveryFailure(prefix[1], { message: text.slice(prefix[0].length) || prefix[1] });
    current = cause;
  }
  return asDeliveryFailure(error);
}

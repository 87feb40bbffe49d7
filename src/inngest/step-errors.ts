import { NonRetriableError, RetryAfterError } from "inngest";
import { toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";

/** Classified domain failures become Inngest's own retry signals (reliability R9). */
export function toInngestError(error: unknown): Error {
  const failure = toDeliveryFailure(error);
  if (!failure.isRetriable) return new NonRetriableError(`${failure.code}: ${failure.message}`, { cause: failure });
  if (failure.retryAfterMs !== undefined) return new RetryAfterError(`${failure.code}: ${failure.message}`, failure.retryAfterMs, { cause: failure });
  return failure;
}

/** Runs a step body and rethrows its failure in the form Inngest understands. */
export async function classified<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toInngestError(error);
  }
}

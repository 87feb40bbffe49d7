/** Why processing an inbox delivery failed, as shown in the sync panels and the deliveries logs. */
export const DELIVERY_ERROR_CODES = [
  "connection_inactive",
  "connection_needs_attention",
  "invalid_credentials",
  "api_disabled",
  "appointment_not_found",
  "klientiks_rate_limited",
  "klientiks_unavailable",
  "klientiks_bad_response",
  /** A telephony notification whose fields cannot make a call event (a required field is missing). */
  "invalid_event",
  "internal",
] as const;
export type TDeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export const isDeliveryErrorCode = (value: unknown): value is TDeliveryErrorCode =>
  (DELIVERY_ERROR_CODES as readonly unknown[]).includes(value);

/**
 * A classified processing failure, whatever the source. Retriable ones go back to the queue with
 * backoff (Inngest's or the in-process worker's); the others fail the delivery at once (R9).
 */
export class DeliveryFailure extends Error {
  readonly code: TDeliveryErrorCode;
  readonly isRetriable: boolean;
  readonly retryAfterMs?: number;

  constructor(
    code: TDeliveryErrorCode,
    options: { message?: string; isRetriable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(options.message ?? code);
    this.name = "DeliveryFailure";
    this.code = code;
    this.isRetriable = options.isRetriable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * A failure as it is, or an unexpected error (a database blip, a bug) as a retriable `internal`
 * one. Each source classifies its own service's errors before they get here.
 */
export function asDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  return new DeliveryFailure("internal", {
    message: error instanceof Error ? error.message : String(error),
    isRetriable: true,
  });
}

/** A short-circuit on an unusable connection is not news: the connection already shows its cause. */
export const isConnectionShortCircuit = (failure: DeliveryFailure): boolean =>
  failure.code === "connection_inactive" || failure.code === "connection_needs_attention";

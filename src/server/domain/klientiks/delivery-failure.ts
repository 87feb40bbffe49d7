import { KlientiksError } from "@/server/integrations/klientiks";

/** Why processing a delivery failed, as shown in the sync panel and the deliveries log. */
export const DELIVERY_ERROR_CODES = [
  "connection_inactive",
  "connection_needs_attention",
  "invalid_credentials",
  "api_disabled",
  "appointment_not_found",
  "klientiks_rate_limited",
  "klientiks_unavailable",
  "klientiks_bad_response",
  "internal",
] as const;
export type TDeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export const isDeliveryErrorCode = (value: unknown): value is TDeliveryErrorCode => (DELIVERY_ERROR_CODES as readonly unknown[]).includes(value);

/**
 * A classified processing failure. Retriable ones go back to the queue with backoff (Inngest's or
 * the in-process worker's); the others fail the delivery at once (reliability R9).
 */
export class DeliveryFailure extends Error {
  readonly code: TDeliveryErrorCode;
  readonly isRetriable: boolean;
  readonly retryAfterMs?: number;

  constructor(code: TDeliveryErrorCode, options: { message?: string; isRetriable?: boolean; retryAfterMs?: number } = {}) {
    super(options.message ?? code);
    this.name = "DeliveryFailure";
    this.code = code;
    this.isRetriable = options.isRetriable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

const KIND_TO_CODE = {
  invalid_credentials: "invalid_credentials",
  api_disabled: "api_disabled",
  not_found: "appointment_not_found",
  rate_limited: "klientiks_rate_limited",
  transient: "klientiks_unavailable",
  validation: "klientiks_bad_response",
  bad_response: "klientiks_bad_response",
  unknown_method: "klientiks_bad_response",
} as const satisfies Record<KlientiksError["kind"], TDeliveryErrorCode>;

/** Any error from a processing step, as a DeliveryFailure; unknown errors are retriable. */
export function toDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  if (error instanceof KlientiksError) {
    return new DeliveryFailure(KIND_TO_CODE[error.kind], { message: error.message, isRetriable: error.isRetriable, retryAfterMs: error.retryAfterMs });
  }
  return new DeliveryFailure("internal", { message: error instanceof Error ? error.message : String(error), isRetriable: true });
}

export const isCredentialFailure = (failure: DeliveryFailure): boolean => failure.code === "invalid_credentials" || failure.code === "api_disabled";

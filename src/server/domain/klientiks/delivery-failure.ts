import {
  asDeliveryFailure,
  DeliveryFailure,
  type TDeliveryErrorCode,
} from "@/server/domain/inbox/delivery-failure";
import { KlientiksError } from "@/server/integrations/klientiks";

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

/** Any error of a Klientiks processing step, as a DeliveryFailure; unknown errors are retriable. */
export function toDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof KlientiksError) {
    return new DeliveryFailure(KIND_TO_CODE[error.kind], {
      message: error.message,
      isRetriable: error.isRetriable,
      retryAfterMs: error.retryAfterMs,
    });
  }
  return asDeliveryFailure(error);
}

export const isCredentialFailure = (failure: DeliveryFailure): boolean =>
  failure.code === "invalid_credentials" || failure.code === "api_disabled";

import { MangoError } from "@/server/integrations/mango";
import { ZadarmaError } from "@/server/integrations/zadarma";

/** Why a click-to-call failed, as the call button words it (messages: `telephony.callButton.failure.*`). */
export type TCallbackFailureCode =
  | "no_extension"
  | "extension_offline"
  | "no_money"
  | "wrong_number"
  | "provider_unreachable"
  | "provider_timeout"
  | "rate_limited"
  | "wrong_keys"
  | "account_blocked";

/** What a refused `request/callback` means to the member who clicked; anything else is a bug and is rethrown. */
export function callbackFailureOf(error: unknown): TCallbackFailureCode {
  if (error instanceof MangoError) return mangoCallbackFailureOf(error);
  if (!(error instanceof ZadarmaError)) throw error;
  switch (error.code) {
    case "no_money":
    case "wrong_keys":
    case "rate_limited":
      return error.code;
    case "blocked":
      return "account_blocked";
    // Zadarma answers a number it cannot dial with a plain error (OpenAPI `request.callback`).
    case "invalid_request":
      return "wrong_number";
    case "not_found":
      return "no_extension";
    // No answer in time: Zadarma may still have placed the call, and the button says so.
    case "timeout":
      return "provider_timeout";
    default:
      return "provider_unreachable";
  }
}

/**
 * A refused Mango `commands/callback` (docs/telephony-mango.md §5, §8): a 3xxx is a request Mango
 * would not take (for a signed request with a checked key, the number or the extension), the
 * lockout and its circuit are the keys' trouble, and the rest is the provider's.
 */
function mangoCallbackFailureOf(error: MangoError): TCallbackFailureCode {
  switch (error.code) {
    case "invalid_request":
      return "wrong_number";
    case "locked_out":
    case "circuit_open":
      return "wrong_keys";
    case "rate_limited":
      return "rate_limited";
    case "timeout":
      return "provider_timeout";
    default:
      return "provider_unreachable";
  }
}

import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { AppError, type TAppErrorCode } from "@/server/errors";
import { ZadarmaError, type TZadarmaCredentials } from "@/server/integrations/zadarma";

/** Why a live check failed, in the words the settings page uses (messages: `errors.ZADARMA_*`). */
export type TZadarmaCheckFailure =
  "wrong_keys" | "blocked" | "unreachable" | "timeout" | "rate_limited" | "unexpected";

export type TZadarmaCheckResult = { ok: true } | { ok: false; reason: TZadarmaCheckFailure };

/** A provider failure as the person connecting can act on it; anything else is a bug and is rethrown. */
export function checkFailureOf(error: unknown): TZadarmaCheckFailure {
  if (!(error instanceof ZadarmaError)) throw error;
  switch (error.code) {
    case "wrong_keys":
    case "blocked":
    case "unreachable":
    case "timeout":
    case "rate_limited":
      return error.code;
    // Zadarma's own 5xx reads to a person as "not reachable now, try later".
    case "server_error":
      return "unreachable";
    default:
      return "unexpected";
  }
}

const APP_ERROR_OF_FAILURE: Record<TZadarmaCheckFailure, TAppErrorCode> = {
  wrong_keys: "ZADARMA_WRONG_KEYS",
  blocked: "ZADARMA_BLOCKED",
  unreachable: "ZADARMA_UNREACHABLE",
  timeout: "ZADARMA_TIMEOUT",
  rate_limited: "ZADARMA_RATE_LIMITED",
  unexpected: "ZADARMA_UNEXPECTED",
};

/** The error a procedure throws for a failed check; the browser words it by its code. */
export const checkFailureError = (reason: TZadarmaCheckFailure, cause?: unknown): AppError =>
  new AppError(APP_ERROR_OF_FAILURE[reason], { message: `Zadarma check failed: ${reason}`, cause });

/** One signed call (`info/balance`): proves the key and secret and that the account answers. */
export async function checkZadarmaCredentials(
  deps: Pick<TTelephonyDeps, "zadarma">,
  credentials: TZadarmaCredentials,
): Promise<TZadarmaCheckResult> {
  try {
    await deps.zadarma.getBalance(credentials);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: checkFailureOf(error) };
  }
}

/** The check, throwing the page's error when it fails. */
export async function requireWorkingCredentials(
  deps: Pick<TTelephonyDeps, "zadarma">,
  credentials: TZadarmaCredentials,
): Promise<void> {
  const result = await checkZadarmaCredentials(deps, credentials);
  if (!result.ok) throw checkFailureError(result.reason);
}

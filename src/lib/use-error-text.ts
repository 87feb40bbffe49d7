"use client";

import { useTranslations } from "next-intl";

type TErrorData = {
  appErrorCode?: string | null;
  fieldErrors?: Record<string, string[]> | null;
  retryAfterSeconds?: number | null;
};

const dataOf = (error: unknown): TErrorData | null => {
  if (!error || typeof error !== "object") return null;
  return (error as { data?: TErrorData }).data ?? null;
};

/**
 * Turns a tRPC error into localized text: a form-level message from the error code and per-field
 * messages from the server's validation keys. Unknown codes fall back to the generic message.
 */
export function useErrorText() {
  const tErrors = useTranslations("errors");
  const tValidation = useTranslations("validation");
  const translateValidation = (key: string) =>
    tValidation.has(key) ? tValidation(key) : tValidation("invalid");

  const formError = (error: unknown): string | null => {
    if (!error) return null;
    const data = dataOf(error);
    if (!data) return tErrors("NETWORK");
    const code = data.appErrorCode ?? "INTERNAL";
    return tErrors.has(code) ? tErrors(code) : tErrors("INTERNAL");
  };

  const fieldError = (error: unknown, field: string): string | null => {
    const key = dataOf(error)?.fieldErrors?.[field]?.[0];
    return key ? translateValidation(key) : null;
  };

  return { formError, fieldError };
}

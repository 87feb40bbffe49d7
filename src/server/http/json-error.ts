import { APP_ERROR_CODES, type TAppErrorCode } from "@/server/errors";

/** A JSON error body for route handlers: a stable code plus a human message; never internals. */
export function jsonError(
  code: TAppErrorCode,
  message: string,
  init: { headers?: Record<string, string>; details?: Record<string, unknown> } = {},
): Response {
  return Response.json(
    { ok: false, error: { code, message, ...init.details } },
    { status: APP_ERROR_CODES[code].http, headers: init.headers },
  );
}

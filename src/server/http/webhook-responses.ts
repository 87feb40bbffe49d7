// Answers every webhook receiver gives alike, whatever the sender.
import type { TUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { getClientIp } from "@/server/http/client-ip";
import { rateLimitHeaders } from "@/server/http/rate-limit-headers";

const NOT_FOUND_BODY = JSON.stringify({
  ok: false,
  error: { code: "NOT_FOUND", message: "Unknown webhook address" },
});

/** An unknown, revoked or retired address: indistinguishable from each other (R4). */
export const webhookNotFound = () =>
  new Response(NOT_FOUND_BODY, { status: 404, headers: { "content-type": "application/json" } });

/** 503 so a sender that retries does; nothing was acknowledged. */
export const webhookUnavailable = () =>
  Response.json(
    { ok: false, error: { code: "UNAVAILABLE", message: "Temporarily unavailable, retry later" } },
    { status: 503, headers: { "Retry-After": "5" } },
  );

/**
 * An unknown address, counted against its sender (R20): 404 up to the per-minute limit, then 429
 * with when to try again. The same for every kind of unknown, so the 429 tells no more than a 404.
 */
export async function answerUnknownAddress(
  request: Request,
  limiter: TUnknownAddressLimiter,
): Promise<Response> {
  const limited = await limiter.count(getClientIp(request.headers));
  if (!limited) return webhookNotFound();
  return Response.json(
    {
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: `Too many requests to unknown webhook addresses; retry in ${limited.retryAfterSeconds} s`,
      },
    },
    { status: 429, headers: rateLimitHeaders(limited) },
  );
}

/** Answers every webhook receiver gives alike, whatever the sender. */

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

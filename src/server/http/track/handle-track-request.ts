import type { TDb } from "@/server/db/client";
import type { TTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";
import { isBotUserAgent } from "@/server/domain/sites/bot-user-agent";
import type { TKeyedQueue } from "@/server/domain/sites/keyed-queue";
import { recordTrackHit } from "@/server/domain/sites/record-track-hit";
import { hostOfOrigin, isHostOfSite } from "@/server/domain/sites/site-domain";
import type { TSiteKeyCache } from "@/server/domain/sites/site-key-cache";
import { ZTrackHitSchema } from "@/server/domain/sites/track-hit-schema";
import { getClientIp } from "@/server/http/client-ip";
import { readCappedBody } from "@/server/http/read-capped-body";
import type { TLogger } from "@/server/logging/logger";

/** A hit is a few hundred bytes; 8 KB leaves room for long URLs and nothing else. */
export const MAX_TRACK_BODY_BYTES = 8 * 1024;
/** Hits queued in this process beyond which new ones are shed with 503 instead of piling up in memory. */
const MAX_PENDING_HITS = 2000;

export type TTrackDeps = {
  db: TDb;
  sites: TSiteKeyCache;
  limiter: TTokenBucketLimiter;
  queue: TKeyedQueue;
  /** Runs work after the response is sent (`after` from next/server in the route). */
  schedule: (task: () => Promise<void>) => void;
  log: TLogger;
};

const trackError = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => Response.json({ ok: false, error: { code, message } }, { status, headers });

/** CORS for the site's own pages: they may read the answer (the page view's config), nobody else. */
const corsHeaders = (origin: string): Record<string, string> => ({
  "access-control-allow-origin": origin,
  vary: "Origin",
});

/** Preflight carries no body, so no site key: allow the asking origin; the POST itself is checked. */
export const answerTrackPreflight = (request: Request): Response =>
  new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": request.headers.get("origin") ?? "*",
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "86400",
      vary: "Origin",
    },
  });

/** The page's origin: `Origin` when the browser sent a real one, else the `Referer`. */
function readPageOrigin(headers: Headers): { host: string; origin: string } | null {
  for (const value of [headers.get("origin"), headers.get("referer")]) {
    const host = hostOfOrigin(value);
    if (host && value) return { host, origin: new URL(value).origin };
  }
  return null;
}

/** The body as text, or null past the cap (never buffered beyond it). */
const readBody = async (request: Request): Promise<string | null> =>
  (await readCappedBody(request, MAX_TRACK_BODY_BYTES))?.toString("utf8") ?? null;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * `POST /api/track`, in order of cost: size cap (413), robots (204, dropped), shape (400), site key
 * (404; 503 when it cannot be looked up), page origin against the site's domain (403), rate limit
 * per site and IP (429), load shedding (503). Accepted hits are recorded after the answer: 202 with the site's tracker config for
 * a page view, 204 otherwise. The tracker ignores every answer but the 202.
 */
export async function handleTrackRequest(request: Request, deps: TTrackDeps): Promise<Response> {
  const body = await readBody(request);
  if (body === null)
    return trackError(413, "VALIDATION", `body is larger than ${MAX_TRACK_BODY_BYTES} bytes`);
  if (isBotUserAgent(request.headers.get("user-agent"))) return new Response(null, { status: 204 });
  const parsed = ZTrackHitSchema.safeParse(parseJson(body));
  if (!parsed.success) return trackError(400, "VALIDATION", "not a tracker hit");
  const hit = parsed.data;

  const site = await deps.sites.get(hit.siteKey).catch((error: unknown) => {
    deps.log.warn("tracker site lookup failed", { error });
    return undefined;
  });
  if (site === undefined)
    return trackError(503, "UNAVAILABLE", "temporarily unavailable", { "retry-after": "5" });
  if (!site) return trackError(404, "NOT_FOUND", "unknown site key");
  const page = readPageOrigin(request.headers);
  if (!page || !isHostOfSite(page.host, site.domain))
    return trackError(403, "FORBIDDEN", "this page's origin does not belong to the site");
  const cors = corsHeaders(page.origin);
  const limit = deps.limiter.take(`${site.id}|${getClientIp(request.headers)}`);
  if (!limit.isAllowed)
    return trackError(429, "RATE_LIMITED", "too many hits", {
      ...cors,
      "retry-after": String(limit.retryAfterSeconds),
    });
  if (deps.queue.pending >= MAX_PENDING_HITS)
    return trackError(503, "UNAVAILABLE", "busy, hit dropped", { ...cors, "retry-after": "5" });

  const at = new Date();
  // Queued now, in arrival order (a visitor's hits are recorded in the order they came); `schedule`
  // only keeps the runtime alive until the write is done.
  const task = deps.queue.run(`${site.id}|${hit.visitorId}`, () =>
    recordTrackHit(deps.db, { tenantId: site.tenantId, site, hit, at }),
  );
  deps.schedule(() =>
    task.then(
      () => undefined,
      (error: unknown) =>
        deps.log.warn("tracker hit not recorded", { siteId: site.id, type: hit.type, error }),
    ),
  );
  if (hit.type !== "pageview") return new Response(null, { status: 204, headers: cors });
  return Response.json(
    { ok: true, widgetUrlPatterns: site.widgetUrlPatterns, captureContacts: site.captureContacts },
    { status: 202, headers: cors },
  );
}

import type { z } from "zod";

import type { TDb } from "@/server/db/client";
import type { TTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";
import { isBotUserAgent } from "@/server/domain/sites/bot-user-agent";
import type { TKeyedQueue } from "@/server/domain/sites/keyed-queue";
import { hostOfOrigin, isHostOfSite } from "@/server/domain/sites/site-domain";
import type { TSiteKeyCache } from "@/server/domain/sites/site-key-cache";
import type { TTrackedSite } from "@/server/domain/sites/tracked-site";
import { getClientIp } from "@/server/http/client-ip";
import { readCappedBody } from "@/server/http/read-capped-body";
import type { TLogger } from "@/server/logging/logger";

/** A hit is a few hundred bytes; 8 KB leaves room for long URLs and nothing else. */
export const MAX_TRACK_BODY_BYTES = 8 * 1024;

/** What the tracker's endpoints (`/api/track`, `/api/track/number`) share in one process. */
export type TTrackDeps = {
  db: TDb;
  sites: TSiteKeyCache;
  limiter: TTokenBucketLimiter;
  /** A visitor's requests, one after the other (a number request waits for its page view's write). */
  queue: TKeyedQueue;
  /** Runs work after the response is sent (`after` from next/server in the route). */
  schedule: (task: () => Promise<void>) => void;
  log: TLogger;
};

export const trackError = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => Response.json({ ok: false, error: { code, message } }, { status, headers });

/** CORS for the site's own pages: they may read the answer (config, number), nobody else. */
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

export type TAdmitted<T> = { site: TTrackedSite; cors: Record<string, string>; data: T };

/**
 * The checks every tracker request passes, in order of cost: size cap (413), robots (204,
 * dropped), shape (400), site key (404; 503 when it cannot be looked up), page origin against the
 * site's domain (403), rate limit per site and IP (429). Either the answer to send or what passed.
 */
export async function admitTrackerRequest<T extends { siteKey: string }>(
  request: Request,
  deps: TTrackDeps,
  schema: z.ZodType<T>,
  shapeName: string,
): Promise<Response | TAdmitted<T>> {
  const body = await readBody(request);
  if (body === null)
    return trackError(413, "VALIDATION", `body is larger than ${MAX_TRACK_BODY_BYTES} bytes`);
  if (isBotUserAgent(request.headers.get("user-agent"))) return new Response(null, { status: 204 });
  const parsed = schema.safeParse(parseJson(body));
  if (!parsed.success) return trackError(400, "VALIDATION", `not a ${shapeName}`);
  const data = parsed.data;

  const site = await deps.sites.get(data.siteKey).catch((error: unknown) => {
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
  return { site, cors, data };
}

import { z } from "zod";

import { leaseTrackingNumber } from "@/server/domain/call-tracking/lease-number";
import {
  admitTrackerRequest,
  trackError,
  type TTrackDeps,
} from "@/server/http/track/admit-tracker-request";

/** The tracker asks again this often while the page is open; each ask renews the lease. */
export const RENEW_SECONDS = 60;

const ZToken = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const ZNumberRequestSchema = z.object({ siteKey: ZToken, visitorId: ZToken, sessionId: ZToken });

/**
 * `POST /api/track/number` (docs/call-tracking.md §3): the tracking number this visit shows, 200
 * `{number, renewSeconds}`, or 204 when the site shows its own. Queued behind the visitor's
 * pending hits, so a first page's session is recorded before its static number is looked for.
 * Any failure answers 503, and the tracker keeps the site's own number.
 */
export async function handleNumberRequest(request: Request, deps: TTrackDeps): Promise<Response> {
  const admitted = await admitTrackerRequest(request, deps, ZNumberRequestSchema, "number request");
  if (admitted instanceof Response) return admitted;
  const { site, cors, data } = admitted;
  if (!site.phones) return new Response(null, { status: 204, headers: cors });
  try {
    const shown = await deps.queue.run(`${site.id}|${data.visitorId}`, () =>
      leaseTrackingNumber(deps.db, {
        tenantId: site.tenantId,
        siteId: site.id,
        visitorId: data.visitorId,
        sessionKey: data.sessionId,
        holdMinutes: site.poolHoldMinutes,
        at: new Date(),
      }),
    );
    if (!shown) return new Response(null, { status: 204, headers: cors });
    return Response.json(
      { number: shown.phone, renewSeconds: RENEW_SECONDS },
      { status: 200, headers: { ...cors, "cache-control": "no-store" } },
    );
  } catch (error) {
    deps.log.warn("tracking number not leased", { siteId: site.id, error });
    return trackError(503, "UNAVAILABLE", "temporarily unavailable", {
      ...cors,
      "retry-after": "5",
    });
  }
}

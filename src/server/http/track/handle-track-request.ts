import { recordTrackHit } from "@/server/domain/sites/record-track-hit";
import { ZTrackHitSchema } from "@/server/domain/sites/track-hit-schema";
import {
  admitTrackerRequest,
  trackError,
  type TTrackDeps,
} from "@/server/http/track/admit-tracker-request";

export {
  answerTrackPreflight,
  MAX_TRACK_BODY_BYTES,
  type TTrackDeps,
} from "@/server/http/track/admit-tracker-request";

/** Hits queued in this process beyond which new ones are shed with 503 instead of piling up in memory. */
const MAX_PENDING_HITS = 2000;

/**
 * `POST /api/track`: the checks of `admitTrackerRequest`, then load shedding (503). Accepted hits
 * are recorded after the answer: 202 with the site's tracker config for a page view, 204
 * otherwise. The tracker ignores every answer but the 202.
 */
export async function handleTrackRequest(request: Request, deps: TTrackDeps): Promise<Response> {
  const admitted = await admitTrackerRequest(request, deps, ZTrackHitSchema, "tracker hit");
  if (admitted instanceof Response) return admitted;
  const { site, cors, data: hit } = admitted;
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
    {
      ok: true,
      widgetUrlPatterns: site.widgetUrlPatterns,
      captureContacts: site.captureContacts,
      phones: site.phones,
    },
    { status: 202, headers: cors },
  );
}

import { after } from "next/server";

import { answerTrackPreflight, handleTrackRequest } from "@/server/http/track/handle-track-request";
import { getTrackerRuntime } from "@/server/tracker-runtime";

/**
 * Always dynamic, like the health probe it is measured against (`npm run bench:track`): a POST
 * handler is never static, and Next then hands it the request without the static-rendering guards
 * it otherwise wraps around each one.
 */
export const dynamic = "force-dynamic";

/** Hits from `/t.js` on customers' sites; public, guarded by the site key and the page's origin. */
export const POST = (request: Request) =>
  handleTrackRequest(request, { ...getTrackerRuntime(), schedule: (task) => after(task) });

export const OPTIONS = answerTrackPreflight;

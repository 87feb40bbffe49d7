import { after } from "next/server";

import { answerTrackPreflight, handleTrackRequest } from "@/server/http/track/handle-track-request";
import { getTrackerRuntime } from "@/server/tracker-runtime";

/**
 * Always dynamic, like the health probe: without it Next wraps every request in its static-rendering
 * guards, which cost a hit about 0.3-0.5 ms of server CPU (`npm run bench:track`, bench/README.md).
 */
export const dynamic = "force-dynamic";

/** Hits from `/t.js` on customers' sites; public, guarded by the site key and the page's origin. */
export const POST = (request: Request) =>
  handleTrackRequest(request, { ...getTrackerRuntime(), schedule: (task) => after(task) });

export const OPTIONS = answerTrackPreflight;

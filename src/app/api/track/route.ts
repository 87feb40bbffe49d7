import { after } from "next/server";

import { answerTrackPreflight, handleTrackRequest } from "@/server/http/track/handle-track-request";
import { getTrackerRuntime } from "@/server/tracker-runtime";

/** Hits from `/t.js` on customers' sites; public, guarded by the site key and the page's origin. */
export const POST = (request: Request) =>
  handleTrackRequest(request, { ...getTrackerRuntime(), schedule: (task) => after(task) });

export const OPTIONS = answerTrackPreflight;

import { answerTrackPreflight } from "@/server/http/track/admit-tracker-request";
import { handleNumberRequest } from "@/server/http/track/handle-number-request";
import { getTrackerRuntime } from "@/server/tracker-runtime";

/** Always dynamic, like `/api/track` and the bare route `npm run bench:calltracking` compares it with. */
export const dynamic = "force-dynamic";

const runDetached = (task: () => Promise<void>) => void task();

/** The tracking number of a visit, asked by `/t.js` on the site's pages (docs/call-tracking.md §3). */
export const POST = (request: Request) =>
  handleNumberRequest(request, { ...getTrackerRuntime(), schedule: runDetached });

export const OPTIONS = answerTrackPreflight;

import { answerTrackPreflight, handleTrackRequest } from "@/server/http/track/handle-track-request";
import { getTrackerRuntime } from "@/server/tracker-runtime";

/**
 * Always dynamic, like the health probe it is measured against (`npm run bench:track`): a POST
 * handler is never static, and Next then hands it the request without the static-rendering guards
 * it otherwise wraps around each one.
 */
export const dynamic = "force-dynamic";

/**
 * The hit's write is already under way when the answer goes out, and `next start` is a process
 * that outlives its requests (the in-process worker needs one too), so nothing has to keep the
 * runtime alive for it: `after()` would cost every hit a snapshot of its async context, a tenth of
 * a millisecond of CPU (bench/README.md, `bench:track`).
 */
const runDetached = (task: () => Promise<void>) => void task();

/** Hits from `/t.js` on customers' sites; public, guarded by the site key and the page's origin. */
export const POST = (request: Request) =>
  handleTrackRequest(request, { ...getTrackerRuntime(), schedule: runDetached });

export const OPTIONS = answerTrackPreflight;

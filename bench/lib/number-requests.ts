import type { TPostRequest } from "./load";
import { tokenOf, trackerRequestHeaders } from "./track-hits";

/**
 * `POST /api/track/number` requests as `/t.js` sends them from visitors' browsers, generated one
 * after the other like bench/lib/track-hits.ts: 250 visits are under way at any time, their requests
 * taking turns, so a visit's next request comes 250 requests after its previous one. A visit makes
 * ten: the first page's request (a new lease, or the number the visitor still holds) then nine
 * heartbeat renewals (the tracker asks again every `renewSeconds` while the page is open, so a
 * ten-minute visit). One visit in four is a returning visitor whose previous visit (two generations
 * back) has just finished: within the hold time, so it takes its number over with the new session.
 * Each visitor has its own address and one of three browser user agents.
 */
const REQUESTS_PER_VISIT = 10;
const VISITS_UNDER_WAY = 250;

export function createNumberRequestGenerator(options: {
  siteKey: string;
  siteDomain: string;
  runId: string;
}) {
  const origin = `https://www.${options.siteDomain}`;
  let next = 0;
  const generate = (): TPostRequest => {
    const index = next++;
    const turn = Math.floor(index / VISITS_UNDER_WAY);
    const visit =
      Math.floor(turn / REQUESTS_PER_VISIT) * VISITS_UNDER_WAY + (index % VISITS_UNDER_WAY);
    // Two generations of visits back, and ≢ 3 (mod 4): a finished visit of a first-time visitor.
    const visitor =
      visit % 4 === 3 && visit > 2 * VISITS_UNDER_WAY ? visit - 2 * VISITS_UNDER_WAY - 1 : visit;
    return {
      body: JSON.stringify({
        siteKey: options.siteKey,
        visitorId: tokenOf(options.runId, "v", visitor),
        sessionId: tokenOf(options.runId, "s", visit),
      }),
      headers: trackerRequestHeaders(origin, visitor),
    };
  };
  /** Visits begun so far (each asks for a number first, then renews it). */
  const visitsBegun = () =>
    Math.floor(next / (VISITS_UNDER_WAY * REQUESTS_PER_VISIT)) * VISITS_UNDER_WAY +
    Math.min(next % (VISITS_UNDER_WAY * REQUESTS_PER_VISIT), VISITS_UNDER_WAY);
  return Object.assign(generate, { visitsBegun });
}

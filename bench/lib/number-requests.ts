import type { TPostRequest } from "./load";
import { tokenOf, trackerRequestHeaders, visitsBegunAfter, visitTurnOf } from "./track-hits";

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

export function createNumberRequestGenerator(options: {
  siteKey: string;
  siteDomain: string;
  runId: string;
}) {
  const origin = `https://www.${options.siteDomain}`;
  let next = 0;
  const generate = (): TPostRequest => {
    const { visit, visitor } = visitTurnOf(next++, REQUESTS_PER_VISIT);
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
  const visitsBegun = () => visitsBegunAfter(next, REQUESTS_PER_VISIT);
  return Object.assign(generate, { visitsBegun });
}

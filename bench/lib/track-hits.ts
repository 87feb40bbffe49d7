/**
 * `POST /api/track` requests as `/t.js` sends them from visitors' browsers, generated one after the
 * other so that every request of a load run is a distinct, plausible hit. 250 visits are under way
 * at any time, their hits taking turns, so a visit's next hit comes 250 requests after its previous
 * one (a visitor reads a page before opening the next, and the hits of a visit arrive in order).
 * A visit makes five hits: a landing page view (the campaign mix below), two internal page views,
 * then a widget open in every other visit (else a page view) and a phone typed into a form in one
 * visit in five (else a page view). One visit in four is a returning visitor (the visitor of an
 * earlier, finished visit, with a new session). Each visitor has its own address (X-Forwarded-For,
 * which the route takes as the client's IP for its per site and IP rate limit) and one of three
 * browser user agents.
 */
const HITS_PER_VISIT = 5;
const VISITS_UNDER_WAY = 250;

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 YaBrowser/24.6",
] as const;

/** How visits arrive: query string and referrer of the landing page. */
const LANDINGS = [
  { query: "", referrer: null },
  {
    query: "?utm_source=yandex&utm_medium=cpc&utm_campaign=spring-{c}&yclid={id}",
    referrer: "https://yandex.ru/",
  },
  { query: "", referrer: "https://www.google.com/" },
  { query: "?utm_source=instagram&utm_medium=social", referrer: "https://l.instagram.com/" },
  { query: "", referrer: "https://otzovik.example/salon-reviews" },
  { query: "?utm_source=newsletter&utm_medium=email&utm_campaign=may", referrer: null },
] as const;

const PAGES = [
  "",
  "services",
  "prices",
  "masters",
  "contacts",
  "services/haircut",
  "services/manicure",
];

export type TTrackHitRequest = {
  headers: Record<string, string>;
  body: string;
  type: "pageview" | "widget_open" | "contact";
};

/** The address of visitor `n`: one per visitor, from the carrier-grade NAT range mobile visitors come from. */
const ipOf = (n: number) => `100.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;

/** 32 characters like the tracker's random ids; `runId` keeps ids of different bench runs apart. */
export const tokenOf = (runId: string, kind: "v" | "s", n: number) =>
  `${runId}${kind}${n.toString(36).padStart(32 - runId.length - 1, "0")}`;

/**
 * The headers of a request `/t.js` sends from visitor `visitor`'s browser on a page of `origin`:
 * `text/plain` JSON, the page's origin and referrer, one of three browser user agents, and the
 * visitor's own address (X-Forwarded-For, which the tracker's rate limit per site and IP reads).
 */
export const trackerRequestHeaders = (origin: string, visitor: number): Record<string, string> => ({
  "content-type": "text/plain;charset=UTF-8",
  origin,
  // What a cross-origin fetch sends by default (strict-origin-when-cross-origin).
  referer: `${origin}/`,
  "user-agent": USER_AGENTS[visitor % USER_AGENTS.length] ?? USER_AGENTS[0],
  "accept-language": "ru-RU,ru;q=0.9,en;q=0.8",
  "x-forwarded-for": ipOf(visitor),
});

/**
 * Request `index` of a load of `VISITS_UNDER_WAY` visits taking turns, `perVisit` requests each:
 * its visit, its step within the visit, and the visitor (one visit in four from two generations
 * back: the visitor of a finished visit, returning with a new session).
 */
export function visitTurnOf(index: number, perVisit: number) {
  const turn = Math.floor(index / VISITS_UNDER_WAY);
  const visit = Math.floor(turn / perVisit) * VISITS_UNDER_WAY + (index % VISITS_UNDER_WAY);
  // Two generations of visits back, and ≢ 3 (mod 4): a finished visit of a first-time visitor.
  const visitor =
    visit % 4 === 3 && visit > 2 * VISITS_UNDER_WAY ? visit - 2 * VISITS_UNDER_WAY - 1 : visit;
  return { visit, step: turn % perVisit, visitor };
}

/** Visits begun after `sent` requests of such a load (each starts a session, unless refused). */
export const visitsBegunAfter = (sent: number, perVisit: number) =>
  Math.floor(sent / (VISITS_UNDER_WAY * perVisit)) * VISITS_UNDER_WAY +
  Math.min(sent % (VISITS_UNDER_WAY * perVisit), VISITS_UNDER_WAY);

export function createTrackHitGenerator(options: {
  siteKey: string;
  siteDomain: string;
  runId: string;
}) {
  const origin = `https://www.${options.siteDomain}`;
  let next = 0;
  const generate = (): TTrackHitRequest => {
    const { visit, step, visitor } = visitTurnOf(next++, HITS_PER_VISIT);
    const sessionId = tokenOf(options.runId, "s", visit);
    const landing = LANDINGS[visit % LANDINGS.length] ?? LANDINGS[0];
    const landingQuery = landing.query
      .replace("{c}", String(visit % 5))
      .replace("{id}", String(9_000_000 + visit));
    const page = (offset: number) => `${origin}/${PAGES[(visit + offset) % PAGES.length]}`;
    const url = step === 0 ? `${page(0)}${landingQuery}` : page(step);
    const campaign = step === 0 ? new URLSearchParams(landingQuery) : new URLSearchParams();
    const hit: Record<string, unknown> = {
      siteKey: options.siteKey,
      visitorId: tokenOf(options.runId, "v", visitor),
      sessionId,
      url,
      referrer: step === 0 ? landing.referrer : page(step - 1),
      // What the tracker reads from the page's own query string; internal pages carry none.
      utm: Object.fromEntries(
        ["source", "medium", "campaign"].flatMap((key) =>
          campaign.get(`utm_${key}`) ? [[key, campaign.get(`utm_${key}`)]] : [],
        ),
      ),
      clickIds: campaign.get("yclid") ? { yclid: campaign.get("yclid") } : {},
    };
    let type: TTrackHitRequest["type"] = "pageview";
    if (step === 3 && visit % 2 === 0) {
      type = "widget_open";
      hit.widgetUrl = `https://klientiks.ru/app/widget/4242?svyaz_sid=${sessionId}`;
    } else if (step === 4 && visit % 5 === 1) {
      type = "contact";
      hit.phone = `+7999${String(visit % 10_000_000).padStart(7, "0")}`;
      if (visit % 2 === 1) hit.email = `visitor${visit}@example.ru`;
    } else {
      hit.title = `Салон красоты — ${PAGES[(visit + step) % PAGES.length] || "главная"}`;
    }
    return {
      type,
      body: JSON.stringify({ type, ...hit }),
      headers: trackerRequestHeaders(origin, visitor),
    };
  };
  /** Visits begun so far (each starts a session, unless its hits were refused). */
  const visitsBegun = () => visitsBegunAfter(next, HITS_PER_VISIT);
  return Object.assign(generate, { visitsBegun });
}

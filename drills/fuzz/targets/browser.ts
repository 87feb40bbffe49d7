import fc from "fast-check";

import { hostileBody, jsonBody, type TBodyRecipe } from "../bodies";
import {
  anyMethod,
  contentType,
  encodeText,
  headerValueOf,
  hostileQuery,
  hostileText,
  pathSegment,
  textEncoding,
} from "../hostile";
import { fuzzRequest, headersOf, usuallyOr, type TFuzzContext, type TFuzzTarget } from "../target";

const BROWSER_USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

const token = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);

/** A page URL of the site (mostly), of another site, or not a URL. */
const pageUrl = (domain: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.webPath().map((path) => `https://${domain}${path}`) },
    { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
    { weight: 2, arbitrary: hostileText },
  );

const optionalText = fc.option(hostileText, { nil: undefined });

/** `/t.js`'s hits with each field right, wrong or missing. */
const trackHit = (context: TFuzzContext) =>
  fc.record(
    {
      type: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom("pageview", "widget_open", "contact") },
        hostileText,
      ),
      siteKey: fc.oneof(
        { weight: 5, arbitrary: fc.constant(context.site.key) },
        token,
        hostileText,
      ),
      visitorId: fc.oneof({ weight: 4, arbitrary: token }, hostileText),
      sessionId: fc.oneof({ weight: 4, arbitrary: token }, hostileText),
      url: pageUrl(context.site.domain),
      referrer: fc.oneof(fc.constant(null), pageUrl("yandex.ru")),
      title: optionalText,
      widgetUrl: pageUrl(context.site.domain),
      utm: fc.record(
        {
          source: optionalText,
          medium: optionalText,
          campaign: optionalText,
          content: optionalText,
          term: optionalText,
        },
        { requiredKeys: [] },
      ),
      clickIds: fc.record(
        { yclid: optionalText, gclid: optionalText, fbclid: optionalText },
        { requiredKeys: [] },
      ),
      phone: fc.oneof(fc.stringMatching(/^\+7\d{10}$/), hostileText),
      email: fc.oneof(fc.emailAddress(), hostileText),
    },
    { requiredKeys: ["type", "siteKey", "visitorId", "sessionId", "url"] },
  );

/** `POST /api/track` as `/t.js` sends it from the site's pages, and everything around it. */
export const track: TFuzzTarget = {
  name: "track",
  writesAfterAnswer: true,
  rejectionRecords: [],
  requests: (context) =>
    fuzzRequest({
      method: fc.oneof({ weight: 8, arbitrary: fc.constant("POST") }, anyMethod),
      path: hostileQuery(fc.constant([])).map((query) => `/api/track${query}`),
      headers: headersOf({
        "content-type": usuallyOr(
          fc.constant("text/plain;charset=UTF-8"),
          contentType.map((type) => type ?? ""),
        ),
        origin: usuallyOr(
          fc.constantFrom(`https://${context.site.domain}`, `https://www.${context.site.domain}`),
          fc.oneof(
            fc.constantFrom(
              "null",
              "https://evil.example",
              `https://${context.site.domain}.evil.example`,
            ),
            hostileText.map(headerValueOf),
          ),
        ),
        referer: fc.option(pageUrl(context.site.domain).map(headerValueOf), { nil: null }),
        "user-agent": usuallyOr(
          fc.constant(BROWSER_USER_AGENT),
          fc.oneof(
            fc.constantFrom("Googlebot/2.1", "curl/8.0", ""),
            hostileText.map(headerValueOf),
          ),
        ),
        "x-forwarded-for": usuallyOr(
          fc.ipV4(),
          fc.oneof(fc.ipV6(), hostileText.map(headerValueOf)),
        ),
      }),
      body: hostileBody(jsonBody(trackHit(context))),
    }),
};

/** The tracker script, which sites load from every page. */
export const trackerScript: TFuzzTarget = {
  name: "tracker-script",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: () =>
    fuzzRequest({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant("GET") }, anyMethod),
      path: fc
        .tuple(
          fc.constantFrom("/t.js", "/t.js", "/t.js/", "/t.js/x", "/t.JS", "/%74.js"),
          hostileQuery(fc.constant([]), ["v", "site"]),
        )
        .map(([path, query]) => `${path}${query}`),
      headers: headersOf({
        range: fc.option(
          fc.constantFrom("bytes=0-10", "bytes=-1", "bytes=999999-", "bytes=5-1", "bytes=a-b"),
          { nil: null },
        ),
        "if-none-match": fc.option(hostileText.map(headerValueOf), { nil: null }),
      }),
      body: hostileBody(fc.constant<TBodyRecipe>({ kind: "none" })),
    }),
};

const PAGE_QUERY_NAMES = [
  "next",
  "callbackUrl",
  "error",
  "page",
  "perPage",
  "sort",
  "dir",
  "q",
  "search",
  "status",
  "stage",
  "from",
  "to",
  "createdFrom",
  "createdTo",
  "responsible",
  "direction",
  "employee",
  "deal",
  "lead",
  "call",
  "filters",
  "utm_source",
  "site",
  "tab",
];

/** Every page of the app, with the owner's workspace, another, or an impossible one in its path. */
const pagePath = (slugs: readonly string[], ids: readonly string[]) =>
  fc
    .record({
      page: fc.constantFrom(
        "/",
        "/sign-in",
        "/sign-up",
        "/onboarding",
        "/invite/{id}",
        "/w/{slug}",
        "/w/{slug}/deals",
        "/w/{slug}/leads",
        "/w/{slug}/calls",
        "/w/{slug}/clients/{id}",
        "/w/{slug}/members",
        "/w/{slug}/settings/integrations/klientiks",
        "/w/{slug}/settings/sites",
        "/w/{slug}/settings/telephony",
        "/w/{slug}/nothing-here",
        "/nothing-here",
      ),
      slug: pathSegment(slugs),
      id: pathSegment(ids),
      query: hostileQuery(
        fc.array(fc.tuple(fc.constantFrom(...PAGE_QUERY_NAMES), hostileText), { maxLength: 3 }),
        PAGE_QUERY_NAMES,
      ),
    })
    .map(
      ({ page, slug, id, query }) => `${page.replace("{slug}", slug).replace("{id}", id)}${query}`,
    );

const pageHeaders = headersOf({
  accept: usuallyOr(
    fc.constant("text/html"),
    fc.constantFrom("text/x-component", "*/*", "application/json"),
  ),
  "accept-language": fc.option(
    fc.oneof(
      fc.constantFrom("ru", "en-US,en;q=0.9", "xx", "*;q=abc"),
      hostileText.map(headerValueOf),
    ),
    { nil: null },
  ),
  rsc: fc.option(fc.constantFrom("1", "0", "yes"), { nil: null }),
  "next-router-state-tree": fc.option(
    fc.oneof(
      fc.constant("%5B%22%22%5D"),
      hostileText.map((text) => encodeText(text, "percent")),
    ),
    { nil: null },
  ),
  "next-action": fc.option(
    fc.oneof(fc.stringMatching(/^[0-9a-f]{40,42}$/), hostileText.map(headerValueOf)),
    { nil: null },
  ),
});

const pagesTarget = (name: string, isSignedIn: boolean): TFuzzTarget => ({
  name,
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: (context) =>
    fuzzRequest({
      method: fc.oneof({ weight: 8, arbitrary: fc.constant("GET") }, anyMethod),
      path: pagePath([context.slug, context.foreignSlug], [context.clientId]),
      headers: pageHeaders.map((headers) =>
        isSignedIn ? [["cookie", context.sessionCookie] as [string, string], ...headers] : headers,
      ),
      body: hostileBody(fc.constant<TBodyRecipe>({ kind: "none" })),
    }),
});

/** Every page with odd query strings and headers: signed out (the gate and the public pages) and signed in. */
export const pagesSignedOut = pagesTarget("pages", false);
export const pagesSignedIn = pagesTarget("pages-signed-in", true);

/** Paths that lead nowhere, or into Next's own handlers: static files, the image optimizer, traversal. */
export const otherPaths: TFuzzTarget = {
  name: "other-paths",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: () =>
    fuzzRequest({
      method: anyMethod,
      path: fc
        .tuple(
          fc.constantFrom(
            "/api/",
            "/api/{x}",
            "/api/webhooks/{x}",
            "/api/webhooks/klientiks",
            "/api/export/{x}",
            "/_next/static/{x}",
            "/_next/image",
            "/_next/data/{x}/index.json",
            "/favicon.ico",
            "/icon.svg",
            "/robots.txt",
            "/.env",
            "/{x}",
            "//{x}",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fpackage.json",
          ),
          fc
            .tuple(hostileText, textEncoding)
            .map(([text, encoding]) => encodeText(text, encoding).slice(0, 2000)),
          hostileQuery(
            fc.array(
              fc.tuple(fc.constantFrom("url", "w", "q"), fc.oneof(fc.webUrl(), hostileText)),
              { maxLength: 3 },
            ),
            ["url", "w", "q"],
          ),
        )
        .map(([path, x, query]) => `${path.replace("{x}", x)}${query}`),
      headers: fc.constant([]),
      body: hostileBody(fc.constant<TBodyRecipe>({ kind: "none" })),
    }),
};

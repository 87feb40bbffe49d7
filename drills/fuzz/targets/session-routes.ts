import fc from "fast-check";

import { hostileBody, type TBodyRecipe } from "../bodies";
import {
  anyMethod,
  headerValueOf,
  hostileNumberText,
  hostileQuery,
  hostileText,
  hostileValue,
  pathSegment,
} from "../hostile";
import { fuzzRequest, headersOf, type TFuzzContext, type TFuzzTarget } from "../target";

/** The owner's session (mostly), none, or a forged one. */
const sessionCookie = (context: TFuzzContext) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant<string | null>(context.sessionCookie) },
    { weight: 1, arbitrary: fc.constant<string | null>(null) },
    {
      weight: 1,
      arbitrary: hostileText.map((text) => headerValueOf(`next-auth.session-token=${text}`)),
    },
  );

const noBody = hostileBody(fc.constant<TBodyRecipe>({ kind: "none" }));

/** Byte ranges a player asks for, ranges no server can serve, and text that is no range at all. */
const range = fc.oneof(
  fc.constant<string | null>(null),
  fc.constantFrom(
    "bytes=0-",
    "bytes=0-99",
    "bytes=-500",
    "bytes=100-",
    "bytes=99999999-",
    "bytes=5-1",
    "bytes=0-1,4-5",
    "bytes=-0",
    "bytes= 1 - 2",
    "items=0-1",
    `bytes=0-${"9".repeat(30)}`,
  ),
  fc
    .tuple(hostileNumberText, hostileNumberText)
    .map(([from, to]) => headerValueOf(`bytes=${from}-${to}`)),
  hostileText.map(headerValueOf),
);

/** A call's recording, streamed for a member: the real call, others, with every kind of range. */
export const recordings: TFuzzTarget = {
  name: "recordings",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: (context) =>
    fuzzRequest({
      method: fc.oneof({ weight: 8, arbitrary: fc.constant("GET") }, anyMethod),
      path: fc
        .tuple(
          // The real call now and then: each of its answers asks Zadarma for a fresh link, and
          // the app keeps to Zadarma's 60 calls a minute, so they come one a second.
          fc.oneof(
            { weight: 1, arbitrary: fc.constant(context.callId) },
            { weight: 5, arbitrary: pathSegment([]) },
          ),
          hostileQuery(fc.constant([]), ["download"]),
        )
        .map(([callId, query]) => `/api/recordings/${callId}${query}`),
      headers: headersOf({
        cookie: sessionCookie(context),
        range,
        "if-range": fc.option(hostileText.map(headerValueOf), { nil: null }),
      }),
      body: noBody,
    }),
};

/** The live events stream: the owner's workspace, another, anything; resumed from any event id. */
export const events: TFuzzTarget = {
  name: "events",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: (context) =>
    fuzzRequest({
      method: fc.oneof({ weight: 8, arbitrary: fc.constant("GET") }, anyMethod),
      path: fc
        .tuple(
          pathSegment([context.slug, context.foreignSlug]),
          hostileQuery(
            fc.array(
              fc.tuple(fc.constant("lastEventId"), fc.oneof(hostileNumberText, hostileText)),
              { maxLength: 1 },
            ),
            ["lastEventId"],
          ),
        )
        .map(([slug, query]) => `/api/w/${slug}/events${query}`),
      headers: headersOf({
        cookie: sessionCookie(context),
        accept: fc.constant("text/event-stream"),
        "last-event-id": fc.option(fc.oneof(hostileNumberText, hostileText).map(headerValueOf), {
          nil: null,
        }),
      }),
      body: noBody,
    }),
};

const FILTER_NAMES = [
  "createdFrom",
  "createdTo",
  "search",
  "stages",
  "statuses",
  "directions",
  "membershipIds",
  "responsibleIds",
  "sourceIds",
  "siteIds",
  "hasRecording",
  "isFirstCall",
  "amountFrom",
  "amountTo",
  "missedNotCalledBack",
];

/** A filters object of the tables' own names with values of any type; JSON of anything; deep arrays. */
const filtersParam = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .dictionary(
        fc.constantFrom(...FILTER_NAMES),
        fc.oneof(
          hostileValue,
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        ),
        { maxKeys: 4 },
      )
      .map((value) => JSON.stringify(value)),
  },
  { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? "") },
  { weight: 1, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1000, max: 5000 })
      .map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  },
);

const sortParam = fc.oneof(
  fc
    .record({
      field: fc.oneof(
        fc.constantFrom("crmCreatedAt", "startedAt", "createdAt", "amount"),
        hostileText,
      ),
      direction: fc.oneof(fc.constantFrom("asc", "desc"), hostileText),
    })
    .map((value) => JSON.stringify(value)),
  hostileText,
);

const exportTarget = (table: "deals" | "leads" | "calls"): TFuzzTarget => ({
  name: `export-${table}`,
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: (context) =>
    fuzzRequest({
      method: fc.oneof({ weight: 8, arbitrary: fc.constant("GET") }, anyMethod),
      path: hostileQuery(
        fc
          .record(
            {
              slug: fc.oneof(
                { weight: 4, arbitrary: fc.constant(context.slug) },
                fc.constant(context.foreignSlug),
                hostileText,
              ),
              filters: filtersParam,
              sort: sortParam,
            },
            { requiredKeys: [] },
          )
          .map((params) => Object.entries(params) as [string, string][]),
        ["slug", "filters", "sort"],
      ).map((query) => `/api/export/${table}${query}`),
      headers: headersOf({ cookie: sessionCookie(context) }),
      body: noBody,
    }),
});

/** The CSV exports, behind the session gate: each table's own filters, sorts and slugs. */
export const exportDeals = exportTarget("deals");
export const exportLeads = exportTarget("leads");
export const exportCalls = exportTarget("calls");

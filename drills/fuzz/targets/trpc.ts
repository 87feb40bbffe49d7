import fc from "fast-check";

import { hostileBody, jsonBody, type TBodyRecipe } from "../bodies";
import {
  contentType,
  encodeText,
  headerValueOf,
  hostileQuery,
  hostileText,
  hostileValue,
  pathSegment,
  textEncoding,
} from "../hostile";
import { fuzzRequest, headersOf, usuallyOr, type TFuzzContext, type TFuzzTarget } from "../target";

/** Names procedures' inputs use, so that some generated objects get past the first check. */
const INPUT_NAMES = [
  "id",
  "slug",
  "name",
  "email",
  "password",
  "page",
  "perPage",
  "sort",
  "filters",
  "search",
  "token",
  "role",
  "membershipId",
  "siteId",
  "domain",
  "changes",
  "key",
  "secret",
  "phone",
  "isActive",
  "cursor",
  "limit",
  "createdFrom",
  "createdTo",
];

const procedureInput: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.dictionary(fc.constantFrom(...INPUT_NAMES), hostileValue, { maxKeys: 5 }),
  },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/**
 * superjson's `meta`: what it revives values into (dates, bigints, regular expressions, sets, maps,
 * classes it does not know) and which paths point at one another (cycles among them).
 */
const superjsonMeta: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    values: fc.oneof(
      fc.constantFrom(
        ["Date"],
        ["bigint"],
        ["regexp"],
        ["set"],
        ["map"],
        ["undefined"],
        ["number"],
        ["class", "X"],
        ["custom", "X"],
        ["symbol", "X"],
      ),
      fc.dictionary(hostileText, fc.constantFrom(["Date"], ["bigint"], ["regexp"], "Date", "set"), {
        maxKeys: 3,
      }),
      hostileValue,
    ),
  }),
  fc.record({
    referentialEqualities: fc.oneof(
      fc.constant({ "": ["a"] }),
      fc.constant({ a: ["a.b"] }),
      fc.constant({ a: ["a.a.a"], b: ["a"] }),
      fc.dictionary(hostileText, fc.array(hostileText, { maxLength: 3 }), { maxKeys: 3 }),
    ),
  }),
  hostileValue,
);

/** The envelope the client sends: `{ json, meta }`, or something else where it should be. */
const envelope = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ json: procedureInput, meta: superjsonMeta }, { requiredKeys: ["json"] }),
  },
  { weight: 1, arbitrary: hostileValue },
);

/** `?input=` of a query, or `?batch=1&input=` with one envelope per call of the batch. */
const queryInput = (isBatch: boolean, calls: number) =>
  fc.array(envelope, { minLength: calls, maxLength: calls }).map((envelopes) => {
    const input = isBatch
      ? Object.fromEntries(envelopes.map((value, index) => [index, value]))
      : envelopes[0];
    const pairs: [string, string][] = [["input", JSON.stringify(input) ?? ""]];
    return isBatch ? [["batch", "1"] as [string, string], ...pairs] : pairs;
  });

/**
 * Calls of tRPC procedures, one or batched (`a,b?batch=1`), by GET and by POST, with inputs of
 * every shape and envelopes superjson must refuse; `procedures` are the names to call mostly.
 */
const trpcCall = (context: TFuzzContext, procedures: readonly string[], isSignedIn: boolean) =>
  fc
    .record({
      names: fc.array(pathSegment(procedures), { minLength: 1, maxLength: 3 }),
      isBatch: fc.boolean(),
      isPost: fc.boolean(),
    })
    .chain(({ names, isBatch, isPost }) => {
      const calls = isBatch ? names.length : 1;
      const path = `/api/trpc/${(isBatch ? names : names.slice(0, 1)).join(",")}`;
      return fuzzRequest({
        method: fc.oneof(
          { weight: 8, arbitrary: fc.constant(isPost ? "POST" : "GET") },
          fc.constantFrom("PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"),
        ),
        path: isPost
          ? hostileQuery(fc.constant(isBatch ? [["batch", "1"] as [string, string]] : []), [
              "batch",
              "input",
            ]).map((query) => `${path}${query}`)
          : hostileQuery(queryInput(isBatch, calls), ["batch", "input"]).map(
              (query) => `${path}${query}`,
            ),
        headers: headersOf({
          cookie: fc.constant(isSignedIn ? context.sessionCookie : null),
          "content-type": usuallyOr(
            fc.constant("application/json"),
            contentType.map((type) => type ?? ""),
          ),
          "x-tenant-slug": usuallyOr(
            fc.constantFrom(context.slug, context.slug, context.foreignSlug),
            fc.oneof(
              hostileText.map(headerValueOf),
              fc
                .tuple(hostileText, textEncoding)
                .map(([text, encoding]) => encodeText(text, encoding)),
            ),
          ),
        }),
        body: isPost
          ? hostileBody(
              isBatch
                ? fc
                    .array(envelope, { minLength: calls, maxLength: calls })
                    .map((envelopes): TBodyRecipe => ({
                      kind: "json",
                      value: Object.fromEntries(envelopes.map((value, index) => [index, value])),
                    }))
                : jsonBody(envelope),
              { prefix: '{"json":', suffix: "}" },
            )
          : fc.constant<TBodyRecipe>({ kind: "none" }),
      });
    });

const procedureNames = (context: TFuzzContext) =>
  context.procedures
    .filter((procedure) => procedure.type !== "subscription")
    .map((procedure) => procedure.path);

/** Every procedure, signed out: the procedure ladder must refuse before reading much. */
export const trpcSignedOut: TFuzzTarget = {
  name: "trpc",
  writesAfterAnswer: true,
  rejectionRecords: [],
  requests: (context) => trpcCall(context, procedureNames(context), false),
};

/**
 * Every procedure, signed in as the owner, with the workspace's slug, another's, or anything.
 * Mutations may succeed here (a random input can be valid): accepted requests may write.
 */
export const trpcSignedIn: TFuzzTarget = {
  name: "trpc-signed-in",
  writesAfterAnswer: true,
  rejectionRecords: [],
  requests: (context) => trpcCall(context, procedureNames(context), true),
};

/** Registration: `account.signUp` with plausible and hostile names, e-mails and passwords. */
export const signUp: TFuzzTarget = {
  name: "sign-up",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: (context) =>
    fuzzRequest({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant("POST") },
        fc.constantFrom("GET", "PUT"),
      ),
      path: hostileQuery(fc.constant([]), ["batch"]).map(
        (query) => `/api/trpc/account.signUp${query}`,
      ),
      headers: headersOf({
        "content-type": usuallyOr(
          fc.constant("application/json"),
          contentType.map((type) => type ?? ""),
        ),
      }),
      body: hostileBody(
        jsonBody(
          fc.record(
            {
              json: fc.record(
                {
                  name: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), hostileText),
                  email: fc.oneof(fc.emailAddress(), fc.constant(context.ownerEmail), hostileText),
                  password: fc.oneof(fc.string({ minLength: 8, maxLength: 72 }), hostileText),
                },
                { requiredKeys: [] },
              ),
              meta: superjsonMeta,
            },
            { requiredKeys: ["json"] },
          ),
        ),
        { prefix: '{"json":', suffix: "}" },
      ),
    }),
};

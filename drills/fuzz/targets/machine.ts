import fc from "fast-check";

import { hostileBody, jsonBody, type TBodyRecipe } from "../bodies";
import {
  anyMethod,
  contentType,
  headerValueOf,
  hostileQuery,
  hostileText,
  hostileValue,
} from "../hostile";
import { fuzzRequest, headersOf, usuallyOr, type TFuzzTarget } from "../target";

/** The probes: liveness (whose POST reads a capped body) and readiness with its database round trip. */
export const health: TFuzzTarget = {
  name: "health",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: () =>
    fuzzRequest({
      method: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("GET", "POST") }, anyMethod),
      path: fc
        .tuple(
          fc.constantFrom("/api/health", "/api/health/live", "/api/health/live/", "/api/health/x"),
          hostileQuery(fc.constant([])),
        )
        .map(([path, query]) => `${path}${query}`),
      headers: headersOf({ "content-type": contentType }),
      body: hostileBody(fc.constant<TBodyRecipe>({ kind: "none" })),
    }),
};

/**
 * Inngest's endpoint: what its executor sends (function and step ids, a signature header, an event
 * payload), forged. The drill's server runs the in-process worker, as the benches do.
 */
export const inngest: TFuzzTarget = {
  name: "inngest",
  writesAfterAnswer: false,
  rejectionRecords: [],
  requests: () =>
    fuzzRequest({
      method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom("GET", "POST", "PUT") }, anyMethod),
      path: hostileQuery(
        fc.array(
          fc.tuple(
            fc.constantFrom("fnId", "stepId", "probe", "deployId"),
            fc.oneof(fc.constantFrom("trust", "svyaz-process-delivery", "step"), hostileText),
          ),
          { maxLength: 3 },
        ),
        ["fnId", "stepId"],
      ).map((query) => `/api/inngest${query}`),
      headers: headersOf({
        "content-type": usuallyOr(
          fc.constant("application/json"),
          contentType.map((type) => type ?? ""),
        ),
        "x-inngest-signature": fc.option(
          fc.oneof(fc.constant(`t=1700000000&s=${"0".repeat(64)}`), hostileText.map(headerValueOf)),
          { nil: null },
        ),
        "x-inngest-framework": fc.option(fc.constantFrom("nextjs", "x"), { nil: null }),
      }),
      body: hostileBody(
        jsonBody(
          fc.record(
            {
              event: hostileValue,
              events: fc.array(hostileValue, { maxLength: 2 }),
              steps: hostileValue,
              ctx: hostileValue,
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    }),
};

import fc from "fast-check";

import type { TBodyRecipe } from "./bodies";
import { hostileHeaders } from "./hostile";

/** What the drill set up through the app's own API, for requests that need real ids or a session. */
export type TFuzzContext = {
  /** The cookies of a signed-in owner (next-auth's session token). */
  sessionCookie: string;
  /** The owner's workspace: telephony connected, a site, a call with a recording. */
  slug: string;
  /** A workspace the owner is not a member of (its Klientiks connection's). */
  foreignSlug: string;
  klientiksTokens: readonly string[];
  zadarma: { token: string; secret: string };
  site: { key: string; domain: string };
  /** An answered call of the owner's workspace whose recording is ready. */
  callId: string;
  /** The caller of that call (a client card). */
  clientId: string;
  /** A next-auth CSRF cookie and the token that goes with it. */
  csrf: { cookie: string; token: string };
  ownerEmail: string;
  procedures: readonly { path: string; type: "query" | "mutation" | "subscription" }[];
};

export type TFuzzRequest = {
  method: string;
  /** Path and query as bytes on the wire (one character per byte). */
  path: string;
  headers: [string, string][];
  body: TBodyRecipe;
  isChunked: boolean;
};

/** Rows the app keeps on purpose when it refuses a request (a log of the refusal, a throttle counter). */
export type TRejectionRecord = { table: string; detail: string };

export type TFuzzTarget = {
  name: string;
  /**
   * An accepted request may go on writing after its answer (the inbox worker, a tracker hit
   * recorded after the 202): the drill then waits for a quiet database before the next request.
   */
  writesAfterAnswer: boolean;
  /** Which rows a refused request of this target may leave (see `REJECTION_RECORD_DETAILS`). */
  rejectionRecords: readonly TRejectionRecord[];
  requests: (context: TFuzzContext) => fc.Arbitrary<TFuzzRequest>;
};

/**
 * How to recognize a kept refusal: the SQL read from each written row of these tables. The webhook
 * inbox keeps a refused delivery as a `rejected` row for the wizard and the sync panel
 * (docs/webhook-inbox.md, docs/telephony-zadarma.md); a failed sign-in counts against its e-mail
 * and address (`sign-in-throttle.ts`); a request to an unknown webhook address counts against its
 * sender (`unknown-address-limit.ts`, reliability R20).
 */
export const REJECTION_RECORD_DETAILS: Readonly<Record<string, string>> = {
  WebhookDelivery: `"status"::text`,
  RateLimitCounter: `split_part("key", ':', 1)`,
};

export const REJECTED_DELIVERY: TRejectionRecord = { table: "WebhookDelivery", detail: "rejected" };
export const SIGN_IN_FAILURE: TRejectionRecord = { table: "RateLimitCounter", detail: "sign-in" };
export const UNKNOWN_WEBHOOK_ADDRESS: TRejectionRecord = {
  table: "RateLimitCounter",
  detail: "webhook-unknown",
};

/**
 * Node answers a request whose line and headers pass 16 KB with 431 before the app sees it; the
 * fuzz stays within that, short of the host and framing headers added when sending.
 */
const MAX_HEAD_BYTES = 15_000;

/** Cuts the longest header value until the request line and headers fit Node's limit. */
function fitHead(path: string, headers: [string, string][]): [string, string][] {
  const fitted = headers.map(([name, value]): [string, string] => [name, value]);
  const size = () =>
    fitted.reduce((sum, [name, value]) => sum + name.length + value.length + 4, path.length + 20);
  while (size() > MAX_HEAD_BYTES) {
    const longest = fitted.reduce((most, header) =>
      header[1].length > most[1].length ? header : most,
    );
    longest[1] = longest[1].slice(0, Math.max(0, longest[1].length - (size() - MAX_HEAD_BYTES)));
    if (longest[1] === "" && fitted.every(([, value]) => value === "")) break;
  }
  return fitted;
}

/**
 * A request of a target: its own method, path, headers and body, plus hostile extra headers (the
 * whole head within Node's limit), and now and then a chunked body instead of one with a length.
 */
export const fuzzRequest = (parts: {
  method: fc.Arbitrary<string>;
  path: fc.Arbitrary<string>;
  headers: fc.Arbitrary<[string, string][]>;
  body: fc.Arbitrary<TBodyRecipe>;
}): fc.Arbitrary<TFuzzRequest> =>
  fc
    .record({
      ...parts,
      extraHeaders: hostileHeaders,
      isChunked: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, fc.constant(true)),
    })
    .map(({ extraHeaders, headers, ...request }) => ({
      ...request,
      headers: fitHead(request.path, [...headers, ...extraHeaders]),
    }));

/** Header pairs from optional parts: a part that came out null is left out. */
export const headersOf = (
  parts: Record<string, fc.Arbitrary<string | null>>,
): fc.Arbitrary<[string, string][]> =>
  fc
    .record(parts)
    .map((values) =>
      Object.entries(values).flatMap(([name, value]) =>
        value === null ? [] : [[name, value] as [string, string]],
      ),
    );

/** Mostly `usual`, sometimes null (left out), sometimes anything. */
export const usuallyOr = (
  usual: fc.Arbitrary<string>,
  anything: fc.Arbitrary<string>,
): fc.Arbitrary<string | null> =>
  fc.oneof(
    { weight: 6, arbitrary: usual },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: anything },
  );

import { describe, expect, it } from "vitest";

import {
  createSecretScrubber,
  describeNetworkError,
  isTimeoutError,
  parseRetryAfterMs,
  toSafeErrorCause,
} from "./outbound-failure";

const SECRET = "0123456789abcdef";

describe("createSecretScrubber", () => {
  it("replaces every occurrence of each secret, the longer first", () => {
    const scrub = createSecretScrubber([SECRET, `key:${SECRET}`]);
    expect(scrub(`Authorization key:${SECRET}, again ${SECRET}`)).toBe(
      "Authorization ***, again ***",
    );
  });

  it("leaves short secrets alone, because replacing them would mangle ordinary text", () => {
    expect(createSecretScrubber(["abc"])("abc abc")).toBe("abc abc");
  });
});

describe("toSafeErrorCause", () => {
  it("rebuilds the chain as plain errors with scrubbed text, names and codes", () => {
    const socket = Object.assign(new Error(`connect ECONNREFUSED ${SECRET}`), {
      code: "ECONNREFUSED",
    });
    const original = new TypeError(`fetch failed for ${SECRET}`, { cause: socket });
    const safe = toSafeErrorCause(original, createSecretScrubber([SECRET]));
    expect(safe).not.toBe(original);
    expect(safe).toMatchObject({ name: "TypeError", message: "fetch failed for ***" });
    expect(safe.cause).toMatchObject({ message: "connect ECONNREFUSED ***", code: "ECONNREFUSED" });
    expect(JSON.stringify([safe.stack, (safe.cause as Error).stack])).not.toContain(SECRET);
  });

  it("turns a non-Error cause into an Error with scrubbed text", () => {
    expect(toSafeErrorCause(`raw ${SECRET}`, createSecretScrubber([SECRET])).message).toBe(
      "raw ***",
    );
  });
});

describe("isTimeoutError and describeNetworkError", () => {
  it("recognise AbortSignal.timeout and describe undici's wrapped reasons", () => {
    expect(isTimeoutError(new DOMException("timed out", "TimeoutError"))).toBe(true);
    expect(isTimeoutError(new TypeError("fetch failed"))).toBe(false);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
    });
    expect(describeNetworkError(new TypeError("fetch failed", { cause: refused }))).toBe(
      "fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9)",
    );
    expect(describeNetworkError("odd")).toBe("odd");
  });
});

describe("parseRetryAfterMs", () => {
  it("reads delay-seconds, an HTTP date, or falls back", () => {
    const now = Date.parse("2025-03-10T09:00:00Z");
    expect(parseRetryAfterMs("30", 2_000, now)).toBe(30_000);
    expect(parseRetryAfterMs("1.5", 2_000, now)).toBe(1_500);
    expect(parseRetryAfterMs("Mon, 10 Mar 2025 09:00:10 GMT", 2_000, now)).toBe(10_000);
    expect(parseRetryAfterMs("Mon, 10 Mar 2025 08:00:00 GMT", 2_000, now)).toBe(0);
    expect(parseRetryAfterMs("soon", 2_000, now)).toBe(2_000);
    expect(parseRetryAfterMs(null, 60_000, now)).toBe(60_000);
  });
});

import { describe, expect, it } from "vitest";

import {
  buildParamsString,
  phpUrlencode,
  restSignature,
  sameSignature,
  webhookSignature,
} from "./signature";

describe("REST signature (known-answer vector of telephony-zadarma §3.1)", () => {
  it("signs callback from=100 to=79990000000 with secret test-secret", () => {
    const params: Array<[string, string]> = [
      ["to", "79990000000"],
      ["from", "100"],
      ["format", "json"],
    ];
    expect(buildParamsString(params)).toBe("format=json&from=100&to=79990000000");
    expect(restSignature("test-secret", "/v1/request/callback/", params)).toBe(
      "YTZiNzhmMzU3MGUyOWY0YzU1NDZlNzc3MGRmMGJlMzZjZTBlZjg5Nw==",
    );
  });

  it("base64-encodes the lowercase hex text, not the raw digest", () => {
    const hex = "a6b78f3570e29f4c5546e7770df0be36ce0ef897";
    const signature = restSignature("test-secret", "/v1/request/callback/", [
      ["format", "json"],
      ["from", "100"],
      ["to", "79990000000"],
    ]);
    expect(Buffer.from(signature, "base64").toString("utf8")).toBe(hex);
  });
});

describe("webhook signature (known-answer vector of telephony-zadarma §3.1)", () => {
  it("signs NOTIFY_START caller_id + called_did + call_start", () => {
    const signature = webhookSignature(
      "test-secret",
      "79990000000" + "74950000000" + "2024-05-06 10:11:12",
    );
    expect(signature).toBe("NTk4NWUxZTI2MjRhZGFkMThlMzQ5MGYwNmMxZjg1OWU5MTJlNzFmNw==");
    expect(Buffer.from(signature, "base64").toString("utf8")).toBe(
      "5985e1e2624adad18e3490f06c1f859e912e71f7",
    );
  });
});

describe("phpUrlencode (http_build_query, PHP_QUERY_RFC1738)", () => {
  it.each([
    ["2024-05-06 10:11:12", "2024-05-06+10%3A11%3A12"],
    ["a~b", "a%7Eb"],
    ["!'()*", "%21%27%28%29%2A"],
    ["a+b&c=d", "a%2Bb%26c%3Dd"],
    ["AZaz09-_.", "AZaz09-_."],
    ["https://x.test/a?b=1", "https%3A%2F%2Fx.test%2Fa%3Fb%3D1"],
    ["Ольга", "%D0%9E%D0%BB%D1%8C%D0%B3%D0%B0"],
    ["", ""],
  ])("%s → %s", (input, encoded) => {
    expect(phpUrlencode(input)).toBe(encoded);
  });

  it("sorts keys by byte value, like ksort on string keys", () => {
    expect(
      buildParamsString([
        ["start", "2024-01-01 00:00:00"],
        ["End", "x"],
        ["call_type", "in"],
      ]),
    ).toBe("End=x&call_type=in&start=2024-01-01+00%3A00%3A00");
  });
});

describe("sameSignature", () => {
  it("accepts only the identical string", () => {
    expect(sameSignature("abc=", "abc=")).toBe(true);
    expect(sameSignature("abc=", "abd=")).toBe(false);
    expect(sameSignature("abc=", "abc")).toBe(false);
  });
});

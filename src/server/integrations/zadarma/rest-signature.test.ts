import { createHash, createHmac } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { signRestRequest } from "./rest-signature";

// docs/telephony-zadarma.md, "Known-answer vectors": the REST vector exactly as published.
const VECTOR = {
  secret: "test-secret",
  methodPath: "/v1/request/callback/",
  params: { from: "100", to: "79990000000" },
  paramsString: "format=json&from=100&to=79990000000",
  md5: "26380fa154a289e05704bf0ba1092884",
  hmacHex: "a6b78f3570e29f4c5546e7770df0be36ce0ef897",
  signature: "YTZiNzhmMzU3MGUyOWY0YzU1NDZlNzc3MGRmMGJlMzZjZTBlZjg5Nw==",
};

describe("signRestRequest", () => {
  it("matches the known-answer vector: params string, md5, HMAC hex and base64 of the hex", () => {
    const signed = signRestRequest(VECTOR.methodPath, VECTOR.params, {
      key: "user-key",
      secret: VECTOR.secret,
    });
    expect(signed.paramsString).toBe(VECTOR.paramsString);
    expect(createHash("md5").update(signed.paramsString).digest("hex")).toBe(VECTOR.md5);
    const hex = createHmac("sha1", VECTOR.secret)
      .update(VECTOR.methodPath + VECTOR.paramsString + VECTOR.md5)
      .digest("hex");
    expect(hex).toBe(VECTOR.hmacHex);
    expect(Buffer.from(VECTOR.signature, "base64").toString("utf8")).toBe(VECTOR.hmacHex);
    expect(signed.authorization).toBe(`user-key:${VECTOR.signature}`);
  });

  it("adds format=json even when the caller passed another format", () => {
    const signed = signRestRequest(
      "/v1/info/balance/",
      { format: "xml" },
      { key: "k", secret: "s" },
    );
    expect(signed.paramsString).toBe("format=json");
  });

  it("gives the same signature whatever the parameter order", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
        fc.string({ minLength: 1 }),
        (params, secret) => {
          const reversed = Object.fromEntries(Object.entries(params).reverse());
          const credentials = { key: "k", secret };
          expect(signRestRequest("/v1/x/", reversed, credentials)).toEqual(
            signRestRequest("/v1/x/", params, credentials),
          );
        },
      ),
    );
  });

  it("changes with the method path, any parameter and the secret", () => {
    const base = signRestRequest(
      "/v1/request/callback/",
      { from: "100", to: "79990000000" },
      { key: "k", secret: "s1" },
    );
    expect(
      signRestRequest(
        "/v1/request/callback",
        { from: "100", to: "79990000000" },
        { key: "k", secret: "s1" },
      ),
    ).not.toEqual(base);
    expect(
      signRestRequest(
        "/v1/request/callback/",
        { from: "101", to: "79990000000" },
        { key: "k", secret: "s1" },
      ),
    ).not.toEqual(base);
    expect(
      signRestRequest(
        "/v1/request/callback/",
        { from: "100", to: "79990000000" },
        { key: "k", secret: "s2" },
      ),
    ).not.toEqual(base);
  });
});

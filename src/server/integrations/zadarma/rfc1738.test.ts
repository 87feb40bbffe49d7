import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { buildParamsString, encodeRfc1738 } from "./rfc1738";

describe("encodeRfc1738 (PHP urlencode)", () => {
  it.each([
    ["a space becomes +", "a b", "a+b"],
    ["a literal + is escaped", "+79990000000", "%2B79990000000"],
    ["% is escaped", "100%", "100%25"],
    ["! ' ( ) * ~ are escaped, unlike encodeURIComponent", "!'()*~", "%21%27%28%29%2A%7E"],
    ["- _ . stay", "a-b_c.d", "a-b_c.d"],
    ["Cyrillic is UTF-8, uppercase hex", "Щ ё", "%D0%A9+%D1%91"],
    ["reserved URL characters are escaped", "a&b=c/d?e:f@g#h", "a%26b%3Dc%2Fd%3Fe%3Af%40g%23h"],
    ["an empty value stays empty", "", ""],
    ["an emoji is its four UTF-8 bytes", "😀", "%F0%9F%98%80"],
  ])("%s", (_, value, expected) => {
    expect(encodeRfc1738(value)).toBe(expected);
  });

  it("decodes back to the input with form decoding (+ is a space)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (value) => {
        expect(decodeURIComponent(encodeRfc1738(value).replaceAll("+", " "))).toBe(value);
      }),
    );
  });

  it("writes only unreserved characters, + and %XX", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (value) => {
        expect(encodeRfc1738(value)).toMatch(/^(?:[A-Za-z0-9\-_.+]|%[0-9A-F]{2})*$/);
      }),
    );
  });
});

describe("buildParamsString (http_build_query of ksorted params)", () => {
  it("sorts by key and encodes keys and values", () => {
    expect(buildParamsString({ to: "79990000000", from: "100", format: "json" })).toBe(
      "format=json&from=100&to=79990000000",
    );
    expect(buildParamsString({ start: "2024-05-06 10:11:12", b: "x y" })).toBe(
      "b=x+y&start=2024-05-06+10%3A11%3A12",
    );
  });

  it("does not depend on the order the parameters were given in", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (params) => {
        const reversed = Object.fromEntries(Object.entries(params).reverse());
        expect(buildParamsString(reversed)).toBe(buildParamsString(params));
      }),
    );
  });

  it("keeps empty values as key=", () => {
    expect(buildParamsString({ a: "", b: "1" })).toBe("a=&b=1");
  });
});

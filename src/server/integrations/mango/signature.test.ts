import { describe, expect, it } from "vitest";

import { isSameApiKey, signMango, verifyMangoSign } from "./signature";

// docs/telephony-mango.md §3.1: the known-answer vector.
const KEY = "test-key";
const SALT = "test-salt";
const JSON_TEXT = '{"command_id":"cmd-1","from":{"extension":"101"},"to_number":"79990000000"}';
const SIGN = "0c906a576ef0f520c9a3708865f55517ff2e356adfda9b7527ca93c2cff74dd5";

describe("signMango", () => {
  it("matches the known-answer vector", () => {
    expect(signMango(KEY, JSON_TEXT, SALT)).toBe(SIGN);
  });

  it("signs the text, not the object: whitespace changes the sign", () => {
    const spaced = JSON.stringify(JSON.parse(JSON_TEXT), null, 1);
    expect(signMango(KEY, spaced, SALT)).not.toBe(SIGN);
  });
});

describe("verifyMangoSign", () => {
  it("accepts the vector with the current salt", () => {
    expect(verifyMangoSign(KEY, JSON_TEXT, SIGN, [SALT])).toEqual({ ok: true, saltIndex: 0 });
  });

  it("accepts the previous salt during a rotation and says which matched", () => {
    expect(verifyMangoSign(KEY, JSON_TEXT, SIGN, ["new-salt", SALT])).toEqual({
      ok: true,
      saltIndex: 1,
    });
  });

  it("accepts uppercase hex", () => {
    expect(verifyMangoSign(KEY, JSON_TEXT, SIGN.toUpperCase(), [SALT]).ok).toBe(true);
  });

  it("refuses a re-serialised json, a wrong key, a wrong salt, a truncated sign", () => {
    const reserialised = JSON.stringify(JSON.parse(JSON_TEXT), null, 2);
    expect(verifyMangoSign(KEY, reserialised, SIGN, [SALT])).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyMangoSign("other-key", JSON_TEXT, SIGN, [SALT]).ok).toBe(false);
    expect(verifyMangoSign(KEY, JSON_TEXT, SIGN, ["other"]).ok).toBe(false);
    expect(verifyMangoSign(KEY, JSON_TEXT, SIGN.slice(0, 10), [SALT]).ok).toBe(false);
  });

  it("never accepts an empty salt, and says when the sign is missing", () => {
    expect(verifyMangoSign(KEY, JSON_TEXT, signMango(KEY, JSON_TEXT, ""), [""]).ok).toBe(false);
    expect(verifyMangoSign(KEY, JSON_TEXT, "", [SALT])).toEqual({
      ok: false,
      reason: "missing_signature",
    });
    expect(verifyMangoSign(KEY, JSON_TEXT, null, [SALT])).toEqual({
      ok: false,
      reason: "missing_signature",
    });
  });
});

describe("isSameApiKey", () => {
  it("compares exactly and never accepts an empty key", () => {
    expect(isSameApiKey(KEY, KEY)).toBe(true);
    expect(isSameApiKey(KEY, "test-kez")).toBe(false);
    expect(isSameApiKey(KEY, null)).toBe(false);
    expect(isSameApiKey("", "")).toBe(false);
  });
});

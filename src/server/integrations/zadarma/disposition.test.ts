import { describe, expect, it } from "vitest";

import { normalizeZadarmaDisposition } from "./disposition";

describe("normalizeZadarmaDisposition", () => {
  it.each([
    ["answered", "answered"],
    ["no answer", "no_answer"],
    ["busy", "busy"],
    ["cancel", "cancelled"],
    ["failed", "failed"],
    ["call failed", "failed"],
    ["no money", "failed"],
    ["unallocated number", "failed"],
    ["no limit", "failed"],
    ["no day limit", "failed"],
    ["line limit", "failed"],
    ["no money, no limit", "failed"],
    ["something new", "failed"],
    ["Answered", "answered"],
    ["constructor", "failed"],
    ["toString", "failed"],
  ])("%j → %s", (raw, expected) => {
    expect(normalizeZadarmaDisposition(raw)).toBe(expected);
  });
});

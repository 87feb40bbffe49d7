import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasUnstorableText, toStorableText, toStorableTruncated, truncateText } from "@/lib/text/storable-text";

/** What PostgreSQL would refuse: NUL, or text that does not survive a UTF-8 round trip. */
const isStorable = (value: string) => !value.includes("\u0000") && Buffer.from(value, "utf8").toString("utf8") === value;

describe("toStorableText", () => {
  it("removes NUL and lone surrogates, keeps pairs", () => {
    expect(toStorableText("a\u0000b")).toBe("ab");
    expect(toStorableText("x\uD83Dy")).toBe("xy");
    expect(toStorableText("x\uDE00y")).toBe("xy");
    expect(toStorableText("ok 😀 ёлка")).toBe("ok 😀 ёлка");
    expect(hasUnstorableText("a\u0000")).toBe(true);
    expect(hasUnstorableText("😀")).toBe(false);
  });

  it("always yields storable text and changes nothing storable", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (value) => {
      const cleaned = toStorableText(value);
      expect(isStorable(cleaned)).toBe(true);
      if (isStorable(value)) expect(cleaned).toBe(value);
    }));
  });
});

describe("truncateText", () => {
  it("never splits an emoji", () => {
    const title = `${"a".repeat(299)}😀`;
    expect(truncateText(title, 300)).toBe("a".repeat(299));
    expect(truncateText("😀😀", 3)).toBe("😀");
    expect(truncateText("short", 300)).toBe("short");
  });

  it("keeps storable input storable within the limit", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 1, max: 40 }), (value, max) => {
      const cut = toStorableTruncated(value, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(isStorable(cut)).toBe(true);
      expect(value.startsWith(cut)).toBe(true);
    }));
  });
});

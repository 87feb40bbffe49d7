import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  InputShapeError,
  toStorableDeep,
  toStorableText,
  toStorableTruncated,
  truncateText,
} from "@/lib/text/storable-text";

/** What PostgreSQL would refuse: NUL, or text that does not survive a UTF-8 round trip. */
const isStorable = (value: string) =>
  !value.includes("\u0000") && Buffer.from(value, "utf8").toString("utf8") === value;

describe("toStorableText", () => {
  it("removes NUL and lone surrogates, keeps pairs", () => {
    expect(toStorableText("a\u0000b")).toBe("ab");
    expect(toStorableText("x\uD83Dy")).toBe("xy");
    expect(toStorableText("x\uDE00y")).toBe("xy");
    expect(toStorableText("ok 😀 ёлка")).toBe("ok 😀 ёлка");
    expect(isStorable("a\u0000")).toBe(false);
    expect(isStorable("😀")).toBe(true);
  });

  it("always yields storable text and changes nothing storable", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const cleaned = toStorableText(value);
        expect(isStorable(cleaned)).toBe(true);
        if (isStorable(value)) expect(cleaned).toBe(value);
      }),
    );
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
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.integer({ min: 1, max: 40 }),
        (value, max) => {
          const cut = toStorableTruncated(value, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(isStorable(cut)).toBe(true);
          expect(value.startsWith(cut)).toBe(true);
        },
      ),
    );
  });
});

describe("toStorableDeep", () => {
  it("cleans every string and key of parsed input, keeps other values", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const input = {
      "na\u0000me": "Ан\u0000на",
      tags: ["a\uD800", 1, null],
      nested: { at, ok: true, note: "😀" },
    };
    expect(toStorableDeep(input)).toEqual({
      name: "Анна",
      tags: ["a", 1, null],
      nested: { at, ok: true, note: "😀" },
    });
    expect(toStorableDeep("x\u0000")).toBe("x");
    expect(toStorableDeep(42)).toBe(42);
  });

  it("leaves no unstorable string anywhere in a JSON value", () => {
    const stringsOf = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(stringsOf)
          : value && typeof value === "object"
            ? Object.entries(value).flatMap(([key, field]) => [key, ...stringsOf(field)])
            : [];
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (value) => {
        expect(stringsOf(toStorableDeep(value)).filter((text) => !isStorable(text))).toEqual([]);
      }),
    );
  });

  it("refuses input past its limits, saying where and why, instead of exhausting the stack", () => {
    const limits = { maxDepth: 4, maxValues: 20 };
    const refusal = (value: unknown) => {
      try {
        toStorableDeep(value, limits);
        return null;
      } catch (error) {
        return error instanceof InputShapeError
          ? { problem: error.problem, path: error.path }
          : error;
      }
    };
    expect(refusal({ a: [[{ b: "ok" }]] })).toBeNull();
    expect(refusal({ a: [[{ b: [] }]] })).toEqual({ problem: "too_deep", path: ["a", 0, 0, "b"] });
    expect(refusal({ list: Array.from({ length: 25 }, () => 1) })).toMatchObject({
      problem: "too_many_values",
    });
    const loop: Record<string, unknown> = { name: "x" };
    loop.self = { again: loop };
    expect(refusal({ loop })).toEqual({ problem: "cyclic", path: ["loop", "self", "again"] });
    const shared = { name: "a\u0000" };
    expect(toStorableDeep({ left: shared, right: shared }, limits)).toEqual({
      left: { name: "a" },
      right: { name: "a" },
    });
  });

  it("takes JSON of any size from a service, but never nesting that would exhaust the stack", () => {
    expect((toStorableDeep(Array.from({ length: 200_000 }, () => "x")) as string[]).length).toBe(
      200_000,
    );
    expect(() => toStorableDeep(JSON.parse(`${"[".repeat(20_000)}${"]".repeat(20_000)}`))).toThrow(
      InputShapeError,
    );
  });
});

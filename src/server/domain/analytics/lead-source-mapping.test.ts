import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  listLeadSourceValues,
  mapLeadSource,
  normalizeLeadSource,
  type TLeadSourceMapping,
} from "@/server/domain/analytics/lead-source-mapping";

const MAPPING: TLeadSourceMapping = new Map([
  ["instagram", { sourceId: "src_social", channel: "social" }],
  ["яндекс карты", { sourceId: "src_maps", channel: "organic" }],
]);

describe("normalizeLeadSource (deal-attribution §7)", () => {
  it.each([
    ["  Instagram ", "instagram"],
    ["Яндекс   Карты", "яндекс карты"],
    ["Ёлка\tи\nпалки", "елка и палки"],
    ["", null],
    ["  \t", null],
    [null, null],
  ])("%j → %j", (raw, normalized) => {
    expect(normalizeLeadSource(raw)).toBe(normalized);
  });
});

describe("normalizeLeadSource, properties", () => {
  const arbitraryLeadSource = fc.string({
    unit: fc.constantFrom("a", "B", "ё", "Ё", "е", " ", "\t", "\u00a0", "2"),
    maxLength: 12,
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(arbitraryLeadSource, (raw) => {
        const once = normalizeLeadSource(raw);
        expect(normalizeLeadSource(once)).toBe(once);
      }),
    );
  });

  it("ignores case and the white space around and inside a value", () => {
    fc.assert(
      fc.property(arbitraryLeadSource, (raw) => {
        const respaced = `  ${raw.toUpperCase().replace(/ /g, "  ")}\t`;
        expect(normalizeLeadSource(respaced)).toBe(normalizeLeadSource(raw));
      }),
    );
  });
});

describe("mapLeadSource", () => {
  it("finds a mapped value in any spelling", () => {
    expect(mapLeadSource("ЯНДЕКС  карты", MAPPING)).toEqual({
      sourceId: "src_maps",
      channel: "organic",
    });
  });

  it("gives null for an unmapped, blank or missing value", () => {
    expect(mapLeadSource("Авито", MAPPING)).toBeNull();
    expect(mapLeadSource(" ", MAPPING)).toBeNull();
    expect(mapLeadSource(null, MAPPING)).toBeNull();
  });
});

const declared = (...rows: [string, number, number?][]) =>
  rows.map(([leadSource, dealCount, fallbackDealCount = 0]) => ({
    leadSource,
    dealCount,
    fallbackDealCount,
  }));

describe("listLeadSourceValues", () => {
  it("lists each value once, unmapped first, the most common first, with the usual spelling", () => {
    expect(
      listLeadSourceValues(
        declared(["Авито", 2, 1], ["2ГИС", 2], ["авито ", 1, 1], ["Instagram", 5, 3], ["", 4]),
        MAPPING,
      ),
    ).toEqual([
      { key: "авито", label: "Авито", dealCount: 3, fallbackDealCount: 2, sourceId: null },
      { key: "2гис", label: "2ГИС", dealCount: 2, fallbackDealCount: 0, sourceId: null },
      {
        key: "instagram",
        label: "Instagram",
        dealCount: 5,
        fallbackDealCount: 3,
        sourceId: "src_social",
      },
      {
        key: "яндекс карты",
        label: "яндекс карты",
        dealCount: 0,
        fallbackDealCount: 0,
        sourceId: "src_maps",
      },
    ]);
  });

  it("breaks ties between spellings and between values in code-unit order", () => {
    expect(listLeadSourceValues(declared(["b", 1], ["B", 1], ["a", 2]), new Map())).toEqual([
      { key: "a", label: "a", dealCount: 2, fallbackDealCount: 0, sourceId: null },
      { key: "b", label: "B", dealCount: 2, fallbackDealCount: 0, sourceId: null },
    ]);
  });

  it("is empty when nothing is declared or mapped", () => {
    expect(listLeadSourceValues(declared(["  ", 3]), new Map())).toEqual([]);
  });
});

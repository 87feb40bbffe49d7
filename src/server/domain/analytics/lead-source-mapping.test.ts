import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  listUnmappedLeadSources,
  mapLeadSource,
  normalizeLeadSource,
  type TLeadSourceMapping,
} from "@/server/domain/analytics/lead-source-mapping";

const MAPPING: TLeadSourceMapping = new Map([
  ["instagram", { sourceId: "src_social", channel: "social" }],
  ["яндекс карты", { sourceId: "src_maps", channel: "organic" }],
]);

const clients = (...leadSources: (string | null)[]) =>
  leadSources.map((leadSource) => ({ leadSource }));

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

describe("listUnmappedLeadSources", () => {
  it("lists each unmapped value once, the most common first, with the usual spelling", () => {
    expect(
      listUnmappedLeadSources(
        clients("Авито", "2ГИС", "авито ", "Instagram", null, "", "Авито", "2гис", "Сайт"),
        MAPPING,
      ),
    ).toEqual([
      { key: "авито", label: "Авито", clientCount: 3 },
      { key: "2гис", label: "2ГИС", clientCount: 2 },
      { key: "сайт", label: "Сайт", clientCount: 1 },
    ]);
  });

  it("breaks ties between spellings and between values in code-unit order", () => {
    expect(listUnmappedLeadSources(clients("b", "B", "a"), MAPPING)).toEqual([
      { key: "b", label: "B", clientCount: 2 },
      { key: "a", label: "a", clientCount: 1 },
    ]);
  });

  it("is empty when every value is mapped or missing", () => {
    expect(listUnmappedLeadSources(clients("instagram", null, "  "), MAPPING)).toEqual([]);
  });
});

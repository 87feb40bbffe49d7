import { describe, expect, it } from "vitest";

import {
  DEFAULT_UTM_FILTER_STATE,
  formatUtmValues,
  hasUtmFilters,
  parseUtmText,
  readUtmFilters,
  toUtmFilters,
  writeUtmFilters,
} from "./utm-url-params";

describe("UTM text", () => {
  it("turns comma-separated text into exact values", () => {
    expect(parseUtmText(" yandex, vk ,,Yandex, yandex ")).toEqual(["yandex", "vk", "Yandex"]);
    expect(parseUtmText("")).toEqual([]);
    expect(parseUtmText(" , ")).toEqual([]);
  });

  it("shows values the way they are typed, so a half-typed list keeps its meaning", () => {
    expect(formatUtmValues(["yandex", "vk"])).toBe("yandex, vk");
    expect(formatUtmValues(parseUtmText("yandex, "))).toBe(formatUtmValues(["yandex"]));
  });
});

describe("UTM URL parameters", () => {
  it("round-trips every tag under its own name", () => {
    const state = {
      ...DEFAULT_UTM_FILTER_STATE,
      utmSource: ["yandex", "vk"],
      utmContent: ["banner 1"],
      utmTerm: ["стрижка"],
    };
    const params = new URLSearchParams();
    writeUtmFilters(params, state);
    expect(params.toString()).toBe(
      "utm_source=yandex&utm_source=vk&utm_content=banner+1&utm_term=%D1%81%D1%82%D1%80%D0%B8%D0%B6%D0%BA%D0%B0",
    );
    expect(readUtmFilters(params)).toEqual(state);
    expect(hasUtmFilters(state)).toBe(true);
    expect(hasUtmFilters(DEFAULT_UTM_FILTER_STATE)).toBe(false);
  });

  it("drops empty and oversized values", () => {
    expect(
      readUtmFilters(new URLSearchParams(`utm_term=%20&utm_term=${"x".repeat(257)}&utm_term=a`))
        .utmTerm,
    ).toEqual(["a"]);
  });

  it("sends only the tags that have values", () => {
    expect(toUtmFilters({ ...DEFAULT_UTM_FILTER_STATE, utmMedium: ["cpc"] })).toEqual({
      utmSource: undefined,
      utmMedium: ["cpc"],
      utmCampaign: undefined,
      utmContent: undefined,
      utmTerm: undefined,
    });
  });
});

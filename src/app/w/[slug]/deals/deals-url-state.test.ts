import { describe, expect, it } from "vitest";

import {
  clearDealFilters,
  DEFAULT_DEALS_URL_STATE,
  hasActiveDealFilters,
  parseDealsUrlState,
  serializeDealsUrlState,
  type TDealsUrlState,
} from "./deals-url-state";

const parse = (query: string) => parseDealsUrlState(new URLSearchParams(query));

describe("parseDealsUrlState", () => {
  it("gives the defaults for an empty query", () => {
    expect(parse("")).toEqual(DEFAULT_DEALS_URL_STATE);
  });

  it("reads every field", () => {
    expect(
      parse(
        "page=3&perPage=50&sort=amountMinor&dir=asc&from=2026-11-01&to=2026-11-30&stage=confirmed&stage=finished&group=won&responsible=31&amountMin=1500&amountMax=2500.5&q=%20Иванова%20&sales=0&deal=deal_ab12",
      ),
    ).toEqual({
      page: 3,
      perPage: 50,
      sort: { field: "amountMinor", direction: "asc" },
      createdFrom: "2026-11-01",
      createdTo: "2026-11-30",
      stages: ["confirmed", "finished"],
      stageGroups: ["won"],
      responsibleIds: ["31"],
      sourceIds: [],
      campaignIds: [],
      channels: [],
      attributionRules: [],
      utmSource: [],
      utmMedium: [],
      utmCampaign: [],
      utmContent: [],
      utmTerm: [],
      amountMin: 1500,
      amountMax: 2500.5,
      search: "Иванова",
      includeSales: false,
      dealId: "deal_ab12",
    });
  });

  it("falls back per field on garbage instead of failing", () => {
    expect(
      parse(
        "page=-2&perPage=37&sort=password&dir=sideways&from=2026-02-30&to=soon&group=maybe&group=lost&amountMin=abc&amountMax=-5&sales=yes",
      ),
    ).toEqual({
      ...DEFAULT_DEALS_URL_STATE,
      stageGroups: ["lost"],
    });
  });

  it("reads the attribution filters, «none» included, and drops unknown channels and rules", () => {
    expect(
      parse(
        "source=src_1&source=none&campaign=none&channel=paid&channel=none&channel=tv&rule=first&rule=magic&utm_content=banner&utm_term=%D1%81%D1%82%D1%80%D0%B8%D0%B6%D0%BA%D0%B0",
      ),
    ).toEqual({
      ...DEFAULT_DEALS_URL_STATE,
      sourceIds: ["src_1", "none"],
      campaignIds: ["none"],
      channels: ["paid", "none"],
      attributionRules: ["first"],
      utmContent: ["banner"],
      utmTerm: ["стрижка"],
    });
  });

  it("reads the analytics report's link to won deals of a period, source and campaign", () => {
    expect(
      parse(
        "from=2026-11-01&to=2026-11-30&group=won&source=src_1&campaign=cmp_1&channel=paid&utm_content=ad1&utm_term=seo",
      ),
    ).toEqual({
      ...DEFAULT_DEALS_URL_STATE,
      createdFrom: "2026-11-01",
      createdTo: "2026-11-30",
      stageGroups: ["won"],
      sourceIds: ["src_1"],
      campaignIds: ["cmp_1"],
      channels: ["paid"],
      utmContent: ["ad1"],
      utmTerm: ["seo"],
    });
  });

  it("treats empty amounts as no bound, not as zero", () => {
    expect(parse("amountMin=&amountMax=%20")).toMatchObject({ amountMin: null, amountMax: null });
    expect(parse("amountMin=0")).toMatchObject({ amountMin: 0 });
  });

  it("drops duplicate and oversized list values", () => {
    expect(parse(`stage=a&stage=a&stage=${"x".repeat(65)}`).stages).toEqual(["a"]);
  });

  it("caps the search text", () => {
    expect(parse(`q=${"я".repeat(150)}`).search).toHaveLength(100);
  });
});

describe("serializeDealsUrlState", () => {
  it("leaves defaults out of the URL", () => {
    expect(serializeDealsUrlState(DEFAULT_DEALS_URL_STATE)).toBe("");
  });

  it("round-trips a full state", () => {
    const state: TDealsUrlState = {
      page: 2,
      perPage: 100,
      sort: { field: "name", direction: "asc" },
      createdFrom: "2026-11-01",
      createdTo: null,
      stages: ["cancelled_by_sms"],
      stageGroups: ["in_work", "lost"],
      responsibleIds: ["31", "32"],
      sourceIds: ["src_1", "none"],
      campaignIds: ["none"],
      channels: ["paid", "none"],
      attributionRules: ["first", "undetermined"],
      utmSource: ["yandex"],
      utmMedium: [],
      utmCampaign: ["весна, скидки"],
      utmContent: ["banner"],
      utmTerm: ["стрижка"],
      amountMin: null,
      amountMax: 3000,
      search: "+7999",
      includeSales: false,
      dealId: "deal_1",
    };
    expect(parseDealsUrlState(new URLSearchParams(serializeDealsUrlState(state)))).toEqual(state);
  });
});

describe("filters", () => {
  it("knows when the list is narrowed", () => {
    expect(hasActiveDealFilters(DEFAULT_DEALS_URL_STATE)).toBe(false);
    expect(
      hasActiveDealFilters({
        ...DEFAULT_DEALS_URL_STATE,
        page: 4,
        sort: { field: "name", direction: "asc" },
        dealId: "deal_1",
      }),
    ).toBe(false);
    expect(hasActiveDealFilters({ ...DEFAULT_DEALS_URL_STATE, includeSales: false })).toBe(true);
    expect(hasActiveDealFilters({ ...DEFAULT_DEALS_URL_STATE, amountMin: 0 })).toBe(true);
    expect(hasActiveDealFilters({ ...DEFAULT_DEALS_URL_STATE, channels: ["none"] })).toBe(true);
    expect(hasActiveDealFilters({ ...DEFAULT_DEALS_URL_STATE, utmTerm: ["seo"] })).toBe(true);
  });

  it("clears filters but keeps sort, page size and the open deal", () => {
    const state: TDealsUrlState = {
      ...DEFAULT_DEALS_URL_STATE,
      page: 3,
      perPage: 50,
      sort: { field: "name", direction: "asc" },
      search: "x",
      stages: ["missed"],
      sourceIds: ["none"],
      utmSource: ["vk"],
      dealId: "deal_1",
    };
    expect(clearDealFilters(state)).toEqual({
      ...DEFAULT_DEALS_URL_STATE,
      perPage: 50,
      sort: { field: "name", direction: "asc" },
      dealId: "deal_1",
    });
  });
});

import { describe, expect, it } from "vitest";

import {
  clearLeadFilters,
  DEFAULT_LEADS_URL_STATE,
  hasActiveLeadFilters,
  parseLeadsUrlState,
  serializeLeadsUrlState,
  type TLeadsUrlState,
} from "./leads-url-state";

const parse = (query: string) => parseLeadsUrlState(new URLSearchParams(query));

describe("parseLeadsUrlState", () => {
  it("gives the defaults for an empty query", () => {
    expect(parse("")).toEqual(DEFAULT_LEADS_URL_STATE);
  });

  it("reads every field", () => {
    const query =
      "page=2&perPage=100&sort=contactName&dir=asc&from=2026-11-01&to=2026-11-30&site=site_1&source=src_1&source=src_2&campaign=cmp_1" +
      "&utm_source=yandex&utm_medium=cpc&utm_campaign=autumn_haircut&utm_campaign=Spring%20Sale&utm_content=banner_1&utm_term=%D1%81%D1%82%D1%80%D0%B8%D0%B6%D0%BA%D0%B0&rule=session_id&rule=contact_match&rule=unidentified&dup=duplicates&q=%20Соколова%20&lead=lead_ab12" +
      "&kind=call&channel=paid&channel=none&campaign=none&unique=repeat&target=nonTarget";
    expect(parse(query)).toEqual({
      page: 2,
      perPage: 100,
      sort: { field: "contactName", direction: "asc" },
      createdFrom: "2026-11-01",
      createdTo: "2026-11-30",
      kinds: ["call"],
      siteIds: ["site_1"],
      sourceIds: ["src_1", "src_2"],
      campaignIds: ["cmp_1", "none"],
      channels: ["paid", "none"],
      utmSource: ["yandex"],
      utmMedium: ["cpc"],
      utmCampaign: ["autumn_haircut", "Spring Sale"],
      utmContent: ["banner_1"],
      utmTerm: ["стрижка"],
      rules: ["session_id", "contact_match", "unidentified"],
      duplicates: "duplicates",
      uniqueCalls: "repeat",
      targetCalls: "nonTarget",
      search: "Соколова",
      leadId: "lead_ab12",
    });
  });

  it("falls back per field on garbage instead of failing", () => {
    expect(
      parse(
        "page=0&perPage=7&sort=crmCreatedAt&dir=up&from=2026-13-01&to=tomorrow&rule=guess&rule=widget_open&dup=maybe&lead=&utm_source=%20" +
          "&kind=sms&kind=booking&channel=tv&unique=maybe&target=1",
      ),
    ).toEqual({
      ...DEFAULT_LEADS_URL_STATE,
      kinds: ["booking"],
      rules: ["widget_open"],
    });
  });

  it("drops repeated and oversized values and caps UTM lists at what the server accepts", () => {
    const many = Array.from({ length: 60 }, (_, index) => `utm_term=x&utm_source=v${index}`).join(
      "&",
    );
    const state = parse(
      `${many}&site=a&site=a&site=${"x".repeat(65)}&utm_medium=${"m".repeat(257)}`,
    );
    expect(state.utmSource).toHaveLength(50);
    expect(state.siteIds).toEqual(["a"]);
    expect(state.utmMedium).toEqual([]);
  });
});

describe("serializeLeadsUrlState", () => {
  it("leaves defaults out of the URL", () => {
    expect(serializeLeadsUrlState(DEFAULT_LEADS_URL_STATE)).toBe("");
  });

  it("round-trips a full state", () => {
    const state: TLeadsUrlState = {
      page: 3,
      perPage: 50,
      sort: { field: "occurredAt", direction: "asc" },
      createdFrom: null,
      createdTo: "2026-12-31",
      kinds: ["booking", "call"],
      siteIds: ["site_1", "site_2"],
      sourceIds: ["none"],
      campaignIds: ["cmp_1"],
      channels: ["organic"],
      utmSource: ["yandex", "vk"],
      utmMedium: [],
      utmCampaign: ["a&b=c"],
      utmContent: ["banner_1"],
      utmTerm: ["стрижка"],
      rules: ["default_source", "default_campaign", "dynamic_number", "static_number"],
      duplicates: "originals",
      uniqueCalls: "unique",
      targetCalls: "target",
      search: "+7916",
      leadId: "lead_1",
    };
    expect(parseLeadsUrlState(new URLSearchParams(serializeLeadsUrlState(state)))).toEqual(state);
  });

  it("uses the tags' own names for UTM parameters", () => {
    expect(serializeLeadsUrlState({ ...DEFAULT_LEADS_URL_STATE, utmCampaign: ["autumn"] })).toBe(
      "utm_campaign=autumn",
    );
  });
});

describe("filters", () => {
  it("knows when the list is narrowed", () => {
    expect(hasActiveLeadFilters(DEFAULT_LEADS_URL_STATE)).toBe(false);
    expect(
      hasActiveLeadFilters({
        ...DEFAULT_LEADS_URL_STATE,
        page: 5,
        sort: { field: "contactName", direction: "asc" },
        leadId: "lead_1",
      }),
    ).toBe(false);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, duplicates: "originals" })).toBe(
      true,
    );
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, utmMedium: ["cpc"] })).toBe(true);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, utmTerm: ["стрижка"] })).toBe(true);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, rules: ["widget_open"] })).toBe(true);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, kinds: ["call"] })).toBe(true);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, channels: ["none"] })).toBe(true);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, uniqueCalls: "repeat" })).toBe(true);
    expect(hasActiveLeadFilters({ ...DEFAULT_LEADS_URL_STATE, targetCalls: "target" })).toBe(true);
  });

  it("clears filters but keeps sort, page size and the open lead", () => {
    const state: TLeadsUrlState = {
      ...DEFAULT_LEADS_URL_STATE,
      page: 4,
      perPage: 100,
      sort: { field: "contactName", direction: "desc" },
      sourceIds: ["src_1"],
      kinds: ["call"],
      duplicates: "duplicates",
      targetCalls: "nonTarget",
      search: "x",
      leadId: "lead_1",
    };
    expect(clearLeadFilters(state)).toEqual({
      ...DEFAULT_LEADS_URL_STATE,
      perPage: 100,
      sort: { field: "contactName", direction: "desc" },
      leadId: "lead_1",
    });
  });
});

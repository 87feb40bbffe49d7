import { describe, expect, it } from "vitest";

import { dealPageHref } from "../deals/deals-url-state";
import {
  fromTableSorting,
  leadsExportHref,
  toLeadFilters,
  toLeadListRequest,
  toTableSorting,
} from "./leads-request";
import { DEFAULT_LEADS_URL_STATE } from "./leads-url-state";

describe("toLeadListRequest", () => {
  it("sends no filters for a plain page", () => {
    const request = toLeadListRequest(DEFAULT_LEADS_URL_STATE, "Europe/Moscow");
    expect(request).toMatchObject({
      page: 1,
      perPage: 25,
      sort: { field: "occurredAt", direction: "desc" },
    });
    expect(Object.values(request.filters).filter((value) => value !== undefined)).toEqual([]);
  });

  it("sends whole workspace days as instants, «to» including its day", () => {
    const filters = toLeadFilters(
      { ...DEFAULT_LEADS_URL_STATE, createdFrom: "2026-11-01", createdTo: "2026-11-30" },
      "Europe/Moscow",
    );
    expect(filters.createdFrom?.toISOString()).toBe("2026-10-31T21:00:00.000Z");
    expect(filters.createdTo?.toISOString()).toBe("2026-11-30T21:00:00.000Z");
  });

  it("maps the duplicate choice to the server's flag", () => {
    expect(
      toLeadFilters({ ...DEFAULT_LEADS_URL_STATE, duplicates: "all" }, "UTC").isDuplicate,
    ).toBeUndefined();
    expect(
      toLeadFilters({ ...DEFAULT_LEADS_URL_STATE, duplicates: "duplicates" }, "UTC").isDuplicate,
    ).toBe(true);
    expect(
      toLeadFilters({ ...DEFAULT_LEADS_URL_STATE, duplicates: "originals" }, "UTC").isDuplicate,
    ).toBe(false);
  });

  it("maps the unique and target choices to the server's flags", () => {
    const filters = (state: Partial<typeof DEFAULT_LEADS_URL_STATE>) =>
      toLeadFilters({ ...DEFAULT_LEADS_URL_STATE, ...state }, "UTC");
    expect(filters({}).isUniqueCall).toBeUndefined();
    expect(filters({ uniqueCalls: "unique" }).isUniqueCall).toBe(true);
    expect(filters({ uniqueCalls: "repeat" }).isUniqueCall).toBe(false);
    expect(filters({}).isTargetCall).toBeUndefined();
    expect(filters({ targetCalls: "target" }).isTargetCall).toBe(true);
    expect(filters({ targetCalls: "nonTarget" }).isTargetCall).toBe(false);
  });

  it("passes chosen ids, rules, UTM values and the search through", () => {
    const filters = toLeadFilters(
      {
        ...DEFAULT_LEADS_URL_STATE,
        kinds: ["call"],
        siteIds: ["site_1"],
        sourceIds: ["src_1", "none"],
        campaignIds: ["cmp_1"],
        channels: ["none"],
        utmSource: ["yandex"],
        utmMedium: ["cpc"],
        utmCampaign: ["autumn"],
        utmContent: ["banner_1"],
        utmTerm: ["стрижка"],
        rules: ["contact_match", "unidentified"],
        search: "Соколова",
      },
      "UTC",
    );
    expect(filters).toMatchObject({
      kinds: ["call"],
      siteIds: ["site_1"],
      sourceIds: ["src_1", "none"],
      campaignIds: ["cmp_1"],
      channels: ["none"],
      utmSource: ["yandex"],
      utmMedium: ["cpc"],
      utmCampaign: ["autumn"],
      utmContent: ["banner_1"],
      utmTerm: ["стрижка"],
      rules: ["contact_match", "unidentified"],
      search: "Соколова",
    });
  });
});

describe("leadsExportHref", () => {
  it("names the workspace and carries the filters as JSON with ISO dates, and the table's sort", () => {
    const request = toLeadListRequest(
      {
        ...DEFAULT_LEADS_URL_STATE,
        createdFrom: "2026-11-01",
        utmCampaign: ["autumn"],
        duplicates: "originals",
        sort: { field: "contactName", direction: "asc" },
      },
      "UTC",
    );
    const url = new URL(leadsExportHref("salon-leto", request), "http://localhost");
    expect(url.pathname).toBe("/api/export/leads");
    expect(url.searchParams.get("slug")).toBe("salon-leto");
    expect(JSON.parse(url.searchParams.get("filters") ?? "")).toEqual({
      createdFrom: "2026-11-01T00:00:00.000Z",
      utmCampaign: ["autumn"],
      isDuplicate: false,
    });
    expect(JSON.parse(url.searchParams.get("sort") ?? "")).toEqual({
      field: "contactName",
      direction: "asc",
    });
  });
});

describe("table sorting", () => {
  it("round-trips every sort field", () => {
    for (const field of ["occurredAt", "contactName"] as const) {
      expect(fromTableSorting(toTableSorting({ field, direction: "asc" }))).toEqual({
        field,
        direction: "asc",
      });
    }
  });

  it("falls back to the newest first for an unsortable column", () => {
    expect(fromTableSorting([{ id: "utmCampaign", desc: false }])).toEqual(
      DEFAULT_LEADS_URL_STATE.sort,
    );
    expect(fromTableSorting([])).toEqual(DEFAULT_LEADS_URL_STATE.sort);
  });
});

describe("dealPageHref", () => {
  it("opens the deal's drawer on the deals page", () => {
    expect(dealPageHref("salon-leto", "deal_1")).toBe("/w/salon-leto/deals?deal=deal_1");
  });
});

import { describe, expect, it } from "vitest";

import {
  dealsExportHref,
  fromTableSorting,
  toDealFilters,
  toDealListRequest,
  toTableSorting,
} from "./deals-request";
import { DEFAULT_DEALS_URL_STATE } from "./deals-url-state";

describe("toDealListRequest", () => {
  it("sends only the defaults for a plain page", () => {
    expect(toDealListRequest(DEFAULT_DEALS_URL_STATE, "Europe/Moscow")).toEqual({
      page: 1,
      perPage: 25,
      sort: { field: "crmCreatedAt", direction: "desc" },
      filters: {
        createdFrom: undefined,
        createdTo: undefined,
        stages: undefined,
        stageGroups: undefined,
        responsibleIds: undefined,
        sourceIds: undefined,
        campaignIds: undefined,
        channels: undefined,
        attributionRules: undefined,
        utmSource: undefined,
        utmMedium: undefined,
        utmCampaign: undefined,
        utmContent: undefined,
        utmTerm: undefined,
        amountMin: undefined,
        amountMax: undefined,
        search: undefined,
        includeSales: true,
      },
    });
  });

  it("converts roubles to kopecks and whole workspace days to instants", () => {
    const filters = toDealFilters(
      {
        ...DEFAULT_DEALS_URL_STATE,
        amountMin: 1500,
        amountMax: 2500.55,
        createdFrom: "2026-11-01",
        createdTo: "2026-11-30",
      },
      "Europe/Moscow",
    );
    expect(filters).toMatchObject({ amountMin: 150_000, amountMax: 250_055 });
    expect(filters.createdFrom?.toISOString()).toBe("2026-10-31T21:00:00.000Z");
    // «to» includes its day: the bound is the next midnight.
    expect(filters.createdTo?.toISOString()).toBe("2026-11-30T21:00:00.000Z");
  });

  it("sends the attribution filters as chosen, «none» included", () => {
    expect(
      toDealFilters(
        {
          ...DEFAULT_DEALS_URL_STATE,
          sourceIds: ["src_1", "none"],
          campaignIds: ["none"],
          channels: ["none"],
          attributionRules: ["client_lead_source"],
          utmContent: ["banner"],
        },
        "UTC",
      ),
    ).toMatchObject({
      sourceIds: ["src_1", "none"],
      campaignIds: ["none"],
      channels: ["none"],
      attributionRules: ["client_lead_source"],
      utmContent: ["banner"],
      utmTerm: undefined,
    });
  });

  it("keeps a zero amount bound", () => {
    expect(toDealFilters({ ...DEFAULT_DEALS_URL_STATE, amountMin: 0 }, "UTC").amountMin).toBe(0);
  });
});

describe("dealsExportHref", () => {
  it("names the workspace and carries the filters as JSON with ISO dates, and the table's sort", () => {
    const request = toDealListRequest(
      {
        ...DEFAULT_DEALS_URL_STATE,
        createdFrom: "2026-11-01",
        stages: ["finished"],
        channels: ["paid", "none"],
        includeSales: false,
        sort: { field: "amountMinor", direction: "asc" },
      },
      "UTC",
    );
    const href = dealsExportHref("salon lotos", request);
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/api/export/deals");
    expect(url.searchParams.get("slug")).toBe("salon lotos");
    expect(JSON.parse(url.searchParams.get("filters") ?? "")).toEqual({
      createdFrom: "2026-11-01T00:00:00.000Z",
      stages: ["finished"],
      channels: ["paid", "none"],
      includeSales: false,
    });
    expect(JSON.parse(url.searchParams.get("sort") ?? "")).toEqual({
      field: "amountMinor",
      direction: "asc",
    });
  });
});

describe("table sorting", () => {
  it("maps the stage column to the funnel order", () => {
    expect(toTableSorting({ field: "stageOrder", direction: "asc" })).toEqual([
      { id: "stage", desc: false },
    ]);
    expect(fromTableSorting([{ id: "stage", desc: true }])).toEqual({
      field: "stageOrder",
      direction: "desc",
    });
  });

  it("round-trips every sort field", () => {
    for (const field of [
      "crmCreatedAt",
      "visitStartAt",
      "amountMinor",
      "name",
      "stageOrder",
    ] as const) {
      expect(fromTableSorting(toTableSorting({ field, direction: "asc" }))).toEqual({
        field,
        direction: "asc",
      });
    }
  });

  it("falls back to the default for an unsortable column", () => {
    expect(fromTableSorting([{ id: "contactEmail", desc: false }])).toEqual(
      DEFAULT_DEALS_URL_STATE.sort,
    );
    expect(fromTableSorting([])).toEqual(DEFAULT_DEALS_URL_STATE.sort);
  });
});

import { describe, expect, it } from "vitest";

import {
  callsExportHref,
  callTableSorting,
  toCallFilters,
  toCallListRequest,
} from "./calls-request";
import { DEFAULT_CALLS_URL_STATE } from "./calls-url-state";

describe("toCallListRequest", () => {
  it("sends no filter for a plain page", () => {
    expect(toCallListRequest(DEFAULT_CALLS_URL_STATE, "Europe/Moscow")).toEqual({
      page: 1,
      perPage: 25,
      sort: { field: "startedAt", direction: "desc" },
      filters: {
        createdFrom: undefined,
        createdTo: undefined,
        directions: undefined,
        statuses: undefined,
        missedNotCalledBack: undefined,
        membershipIds: undefined,
        hasRecording: undefined,
        isFirstCall: undefined,
        search: undefined,
      },
    });
  });

  it("turns whole workspace days into instants and keeps a «without» choice", () => {
    const filters = toCallFilters(
      {
        ...DEFAULT_CALLS_URL_STATE,
        createdFrom: "2026-11-01",
        createdTo: "2026-11-01",
        hasRecording: false,
        isFirstCall: false,
      },
      "Europe/Moscow",
    );
    expect(filters.createdFrom?.toISOString()).toBe("2026-10-31T21:00:00.000Z");
    expect(filters.createdTo?.toISOString()).toBe("2026-11-01T21:00:00.000Z");
    expect(filters).toMatchObject({ hasRecording: false, isFirstCall: false });
  });
});

describe("callsExportHref", () => {
  it("carries the workspace, the filters with ISO dates and the table's order", () => {
    const request = toCallListRequest(
      {
        ...DEFAULT_CALLS_URL_STATE,
        createdFrom: "2026-11-01",
        statuses: ["missed"],
        missedNotCalledBack: true,
        sort: { field: "startedAt", direction: "asc" },
      },
      "UTC",
    );
    const url = new URL(callsExportHref("salon", request), "http://localhost");
    expect(url.pathname).toBe("/api/export/calls");
    expect(url.searchParams.get("slug")).toBe("salon");
    expect(JSON.parse(url.searchParams.get("filters") ?? "")).toEqual({
      createdFrom: "2026-11-01T00:00:00.000Z",
      statuses: ["missed"],
      missedNotCalledBack: true,
    });
    expect(JSON.parse(url.searchParams.get("sort") ?? "")).toEqual({
      field: "startedAt",
      direction: "asc",
    });
  });
});

describe("callTableSorting", () => {
  it("sorts by the time column only", () => {
    expect(callTableSorting.toTableSorting({ field: "startedAt", direction: "asc" })).toEqual([
      { id: "startedAt", desc: false },
    ]);
    expect(callTableSorting.fromTableSorting([{ id: "talkSeconds", desc: false }])).toEqual({
      field: "startedAt",
      direction: "desc",
    });
  });
});

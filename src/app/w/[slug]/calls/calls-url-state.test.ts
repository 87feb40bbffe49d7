import { describe, expect, it } from "vitest";

import {
  clearCallFilters,
  DEFAULT_CALLS_URL_STATE,
  hasActiveCallFilters,
  parseCallsUrlState,
  serializeCallsUrlState,
  type TCallsUrlState,
} from "./calls-url-state";

const parse = (query: string) => parseCallsUrlState(new URLSearchParams(query));

describe("calls URL state", () => {
  it("reads a plain page as the defaults and writes the defaults as an empty query", () => {
    expect(parse("")).toEqual(DEFAULT_CALLS_URL_STATE);
    expect(serializeCallsUrlState(DEFAULT_CALLS_URL_STATE)).toBe("");
  });

  it("round-trips every filter and the open call", () => {
    const state: TCallsUrlState = {
      ...DEFAULT_CALLS_URL_STATE,
      page: 3,
      sort: { field: "startedAt", direction: "asc" },
      createdFrom: "2026-11-01",
      createdTo: "2026-11-30",
      search: "8 999",
      directions: ["incoming", "outgoing"],
      statuses: ["missed", "busy"],
      missedNotCalledBack: true,
      membershipIds: ["mbr_1"],
      hasRecording: false,
      isFirstCall: true,
      callId: "call_abc",
    };
    expect(parse(serializeCallsUrlState(state))).toEqual(state);
  });

  it("keeps the call direction apart from the sort direction", () => {
    const query = serializeCallsUrlState({
      ...DEFAULT_CALLS_URL_STATE,
      sort: { field: "startedAt", direction: "asc" },
      directions: ["outgoing"],
    });
    expect(new URLSearchParams(query).get("dir")).toBe("asc");
    expect(new URLSearchParams(query).getAll("way")).toEqual(["outgoing"]);
  });

  it("drops what a hand-edited link gets wrong, field by field", () => {
    const state = parse(
      "way=sideways&way=incoming&status=lost&status=missed&recording=maybe&first=0&sort=talk&call=",
    );
    expect(state).toMatchObject({
      directions: ["incoming"],
      statuses: ["missed"],
      hasRecording: null,
      isFirstCall: false,
      sort: { field: "startedAt" },
      callId: null,
    });
  });

  it("counts only filters as filters, and clears them keeping the sort, page size and open call", () => {
    const opened = { ...DEFAULT_CALLS_URL_STATE, callId: "call_1", perPage: 50 as const };
    expect(hasActiveCallFilters(opened)).toBe(false);
    for (const patch of [
      { hasRecording: false },
      { isFirstCall: false },
      { missedNotCalledBack: true },
      { search: "7" },
    ] as Partial<TCallsUrlState>[]) {
      expect(hasActiveCallFilters({ ...opened, ...patch }), JSON.stringify(patch)).toBe(true);
      expect(clearCallFilters({ ...opened, ...patch, page: 4 })).toEqual(opened);
    }
  });
});

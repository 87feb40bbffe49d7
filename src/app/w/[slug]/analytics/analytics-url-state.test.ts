import { describe, expect, it } from "vitest";

import { parseAnalyticsUrlState, serializeAnalyticsUrlState } from "./analytics-url-state";

describe("analytics URL state", () => {
  it("round-trips a period and an order", () => {
    const query = "from=2026-11-01&to=2026-11-30&sort=romi&dir=asc";
    expect(serializeAnalyticsUrlState(parseAnalyticsUrlState(new URLSearchParams(query)))).toBe(
      query,
    );
  });

  it("drops a period that is half given, reversed or not a date, and an unknown order", () => {
    for (const query of [
      "from=2026-11-01",
      "from=2026-11-30&to=2026-11-01",
      "from=x&to=2026-11-01",
    ]) {
      expect(parseAnalyticsUrlState(new URLSearchParams(query))).toMatchObject({
        from: null,
        to: null,
      });
    }
    expect(parseAnalyticsUrlState(new URLSearchParams("sort=name&dir=up")).sort).toEqual({
      figure: "revenueMinor",
      direction: "desc",
    });
  });
});

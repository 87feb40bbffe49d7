import { describe, expect, it } from "vitest";

import type { TReportRow } from "../analytics-types";
import { funnelSteps, NOTHING_COUNTED, periodTotal, stageGroupSplit } from "./funnel";

const figures = {
  visits: 200,
  bookings: 30,
  calls: 10,
  newClients: 5,
  deals: 20,
  wonDeals: 8,
  lostDeals: 4,
  revenueMinor: 1_000_000,
  costMinor: null,
};

describe("funnelSteps", () => {
  it("goes visits → communications → deals → won with the conversion from the step before", () => {
    expect(funnelSteps(figures)).toEqual([
      { key: "visits", count: 200, conversionFromPrevious: null },
      { key: "communications", count: 40, conversionFromPrevious: 0.2 },
      { key: "deals", count: 20, conversionFromPrevious: 0.5 },
      { key: "wonDeals", count: 8, conversionFromPrevious: 0.4 },
    ]);
  });

  it("has no conversion after a step of zero", () => {
    const steps = funnelSteps({
      ...figures,
      visits: 0,
      bookings: 0,
      calls: 0,
      deals: 0,
      wonDeals: 0,
    });
    expect(steps.map((step) => step.conversionFromPrevious)).toEqual([null, null, null, null]);
  });
});

describe("stageGroupSplit", () => {
  it("counts as in work the deals neither won nor lost", () => {
    expect(stageGroupSplit(figures)).toEqual([
      { group: "in_work", count: 8 },
      { group: "won", count: 8 },
      { group: "lost", count: 4 },
    ]);
  });

  it("never shows a negative number in work", () => {
    expect(stageGroupSplit({ ...figures, deals: 3, wonDeals: 2, lostDeals: 2 })[0]).toEqual({
      group: "in_work",
      count: 0,
    });
  });
});

describe("periodTotal", () => {
  const row = (level: TReportRow["level"], visits: number): TReportRow => ({
    level,
    channel: "",
    sourceId: "",
    campaignId: "",
    current: { ...NOTHING_COUNTED, visits },
    previous: NOTHING_COUNTED,
  });

  it("takes the total row's figures of the current period", () => {
    expect(periodTotal([row("channel", 3), row("total", 7)]).visits).toBe(7);
  });

  it("counts zeros when the period has no rows", () => {
    expect(periodTotal([])).toEqual(NOTHING_COUNTED);
  });
});

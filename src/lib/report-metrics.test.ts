import { describe, expect, it } from "vitest";

import { changeFrom, deriveReportMetrics, type TCountedFigures } from "./report-metrics";

const FIGURES: TCountedFigures = {
  visits: 200,
  bookings: 8,
  calls: 2,
  newClients: 3,
  deals: 5,
  wonDeals: 4,
  lostDeals: 1,
  revenueMinor: 1_000_000,
  costMinor: 400_000,
};

describe("deriveReportMetrics", () => {
  it("derives the funnel, the average check and the cost ratios", () => {
    expect(deriveReportMetrics(FIGURES)).toEqual({
      communications: 10,
      averageCheckMinor: 250_000,
      visitToCommunication: 0.05,
      communicationToDeal: 0.5,
      dealToWon: 0.8,
      costPerCommunicationMinor: 40_000,
      costPerWonDealMinor: 100_000,
      romi: 1.5,
    });
  });

  it("gives no ratio over zero, and no cost ratio when costs are hidden", () => {
    const empty = deriveReportMetrics({ ...FIGURES, visits: 0, wonDeals: 0, costMinor: null });
    expect(empty.visitToCommunication).toBeNull();
    expect(empty.averageCheckMinor).toBeNull();
    expect(empty.romi).toBeNull();
    expect(empty.costPerCommunicationMinor).toBeNull();
    expect(deriveReportMetrics({ ...FIGURES, costMinor: 0 }).romi).toBeNull();
  });

  it("loses money as a negative ROMI", () => {
    expect(deriveReportMetrics({ ...FIGURES, revenueMinor: 100_000 }).romi).toBe(-0.75);
  });
});

describe("changeFrom", () => {
  it("is relative to the previous value, and unknown from zero", () => {
    expect(changeFrom(150, 100)).toBe(0.5);
    expect(changeFrom(50, 100)).toBe(-0.5);
    expect(changeFrom(5, 0)).toBeNull();
    expect(changeFrom(-50, -100)).toBe(0.5);
  });
});

import { describe, expect, it } from "vitest";

import { parseCostDay } from "./cost-day";
import { isCostMonth, monthPeriod, monthsEndingWith } from "./cost-month";

describe("cost days and months", () => {
  it("reads ISO and dotted days, and nothing that is not a real day", () => {
    expect(parseCostDay("2026-01-05")).toBe("2026-01-05");
    expect(parseCostDay(" 05.01.2026 ")).toBe("2026-01-05");
    expect(parseCostDay("29.02.2028")).toBe("2028-02-29");
    for (const text of ["29.02.2026", "2026-1-5", "5.1.2026", "01/05/2026", ""])
      expect(parseCostDay(text), text).toBeNull();
  });

  it("gives a month's first and last day, leap Februaries included", () => {
    expect(monthPeriod("2028-02")).toEqual({
      periodStart: new Date("2028-02-01T00:00:00Z"),
      periodEnd: new Date("2028-02-29T00:00:00Z"),
    });
    expect(monthPeriod("2026-12").periodEnd).toEqual(new Date("2026-12-31T00:00:00Z"));
    expect(isCostMonth("2026-12")).toBe(true);
    expect(isCostMonth("2026-13")).toBe(false);
  });

  it("lists the months up to today's across a new year", () => {
    expect(monthsEndingWith("2026-02-17", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});

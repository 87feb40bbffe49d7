import { describe, expect, it } from "vitest";

import { daysOfPeriod } from "./day-series";

describe("daysOfPeriod", () => {
  it("lists every day from the first to the last inclusive", () => {
    expect(daysOfPeriod("2026-12-01", "2026-12-03")).toEqual([
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
    ]);
  });

  it("gives one day for a one-day period and none for a reversed one", () => {
    expect(daysOfPeriod("2026-12-03", "2026-12-03")).toEqual(["2026-12-03"]);
    expect(daysOfPeriod("2026-12-04", "2026-12-03")).toEqual([]);
  });

  it("crosses month, year and leap-day boundaries", () => {
    expect(daysOfPeriod("2027-12-31", "2028-01-01")).toEqual(["2027-12-31", "2028-01-01"]);
    expect(daysOfPeriod("2028-02-28", "2028-03-01")).toEqual([
      "2028-02-28",
      "2028-02-29",
      "2028-03-01",
    ]);
  });

  it("neither skips nor repeats a day across DST shifts", () => {
    // Europe and the US change clocks in late March / early November.
    const spring = daysOfPeriod("2026-03-27", "2026-03-31");
    const autumn = daysOfPeriod("2026-10-30", "2026-11-03");
    expect(spring).toEqual(["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"]);
    expect(autumn).toEqual(["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"]);
  });

  it("spans a whole year of 366 days", () => {
    const days = daysOfPeriod("2028-01-01", "2028-12-31");
    expect(days).toHaveLength(366);
    expect(new Set(days).size).toBe(366);
  });

  it("refuses text that is not a calendar day", () => {
    expect(() => daysOfPeriod("2026-02-30", "2026-03-01")).toThrow(RangeError);
    expect(() => daysOfPeriod("2026-03-01", "tomorrow")).toThrow(RangeError);
  });
});

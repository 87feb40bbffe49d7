import { describe, expect, it } from "vitest";

import { periodLengthInDays, previousPeriod, ZReportPeriodSchema } from "./report-period";

describe("previousPeriod", () => {
  it("is as long as the period and ends the day before it", () => {
    expect(previousPeriod({ from: "2026-11-01", to: "2026-11-30" })).toEqual({
      from: "2026-10-02",
      to: "2026-10-31",
    });
  });

  it("of one day is the day before, across a year", () => {
    expect(previousPeriod({ from: "2026-01-01", to: "2026-01-01" })).toEqual({
      from: "2025-12-31",
      to: "2025-12-31",
    });
  });

  it("counts a leap day", () => {
    expect(periodLengthInDays({ from: "2028-02-01", to: "2028-03-01" })).toBe(30);
  });
});

describe("ZReportPeriodSchema", () => {
  it("refuses an end before the start, naming `to`", () => {
    const result = ZReportPeriodSchema.safeParse({ from: "2026-11-02", to: "2026-11-01" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["to"]);
  });

  it("refuses a period over 366 days and a date that does not exist", () => {
    expect(ZReportPeriodSchema.safeParse({ from: "2025-01-01", to: "2026-01-02" }).success).toBe(
      false,
    );
    expect(ZReportPeriodSchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(
      false,
    );
  });
});

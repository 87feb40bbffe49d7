import { describe, expect, it } from "vitest";

import { calendarDateToDay, dayToCalendarDate, dayToUtcDate } from "./calendar-day";

describe("calendar days", () => {
  it("give DayPicker the same date at local midnight, and take it back", () => {
    const date = dayToCalendarDate("2026-03-29");
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([
      2026, 2, 29, 0,
    ]);
    expect(calendarDateToDay(date)).toBe("2026-03-29");
    expect(calendarDateToDay(new Date(2026, 11, 31, 23, 59))).toBe("2026-12-31");
  });

  it("print as the day whatever the browser's zone", () => {
    expect(dayToUtcDate("2026-11-05").toISOString()).toBe("2026-11-05T00:00:00.000Z");
  });
});

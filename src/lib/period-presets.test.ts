import { describe, expect, it } from "vitest";

import {
  findMatchingPreset,
  getPresetRange,
  getTodayIn,
  PERIOD_PRESETS,
} from "@/lib/period-presets";

const MOSCOW = "Europe/Moscow";
/** 01:30 on 4 December in Moscow, still 3 December in UTC. */
const LATE_NIGHT = new Date("2026-12-03T22:30:00Z");

const allPresets = (timeZone: string, now: Date) =>
  Object.fromEntries(
    PERIOD_PRESETS.map((preset) => [preset, getPresetRange(preset, timeZone, now)]),
  );

describe("getTodayIn", () => {
  it("reads the day on the time zone's clocks, not the machine's", () => {
    expect(getTodayIn(MOSCOW, LATE_NIGHT)).toBe("2026-12-04");
    expect(getTodayIn("UTC", LATE_NIGHT)).toBe("2026-12-03");
    expect(getTodayIn("America/Los_Angeles", LATE_NIGHT)).toBe("2026-12-03");
  });
});

describe("getPresetRange", () => {
  it("counts whole days of the workspace's zone, today included", () => {
    expect(allPresets(MOSCOW, LATE_NIGHT)).toEqual({
      today: { from: "2026-12-04", to: "2026-12-04" },
      yesterday: { from: "2026-12-03", to: "2026-12-03" },
      last7Days: { from: "2026-11-28", to: "2026-12-04" },
      last30Days: { from: "2026-11-05", to: "2026-12-04" },
      thisMonth: { from: "2026-12-01", to: "2026-12-04" },
      lastMonth: { from: "2026-11-01", to: "2026-11-30" },
    });
  });

  it("gives another zone's members that zone's days at the same instant", () => {
    expect(getPresetRange("today", "UTC", LATE_NIGHT)).toEqual({
      from: "2026-12-03",
      to: "2026-12-03",
    });
    expect(
      getPresetRange("thisMonth", "Asia/Vladivostok", new Date("2026-11-30T15:00:00Z")),
    ).toEqual({
      from: "2026-12-01",
      to: "2026-12-01",
    });
  });

  it("crosses month, year and leap-day boundaries", () => {
    const newYear = new Date("2026-12-31T21:10:00Z"); // 00:10 on 1 January 2027 in Moscow
    expect(getPresetRange("yesterday", MOSCOW, newYear)).toEqual({
      from: "2026-12-31",
      to: "2026-12-31",
    });
    expect(getPresetRange("lastMonth", MOSCOW, newYear)).toEqual({
      from: "2026-12-01",
      to: "2026-12-31",
    });
    expect(getPresetRange("lastMonth", MOSCOW, new Date("2028-03-15T09:00:00Z"))).toEqual({
      from: "2028-02-01",
      to: "2028-02-29",
    });
    expect(getPresetRange("lastMonth", MOSCOW, new Date("2027-03-15T09:00:00Z"))).toEqual({
      from: "2027-02-01",
      to: "2027-02-28",
    });
  });

  it("keeps seven calendar days across a daylight-saving change", () => {
    // New York moves its clocks forward on 8 March 2026: that day has 23 hours.
    expect(
      getPresetRange("last7Days", "America/New_York", new Date("2026-03-10T04:30:00Z")),
    ).toEqual({
      from: "2026-03-04",
      to: "2026-03-10",
    });
  });
});

describe("findMatchingPreset", () => {
  it("names the preset whose days were chosen, and nothing for other periods", () => {
    expect(findMatchingPreset({ from: "2026-11-28", to: "2026-12-04" }, MOSCOW, LATE_NIGHT)).toBe(
      "last7Days",
    );
    expect(findMatchingPreset({ from: "2026-12-04", to: "2026-12-04" }, MOSCOW, LATE_NIGHT)).toBe(
      "today",
    );
    expect(
      findMatchingPreset({ from: "2026-11-27", to: "2026-12-04" }, MOSCOW, LATE_NIGHT),
    ).toBeNull();
    expect(findMatchingPreset({ from: "2026-12-04", to: null }, MOSCOW, LATE_NIGHT)).toBeNull();
    expect(findMatchingPreset({ from: null, to: null }, MOSCOW, LATE_NIGHT)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";

import { getZonedWallClock, wallClockAsUtcMs, zonedWallClockToEpochMs } from "./zoned-wall-clock";

const WALL = wallClockAsUtcMs({ year: 2024, month: 3, day: 31, hour: 2, minute: 30, second: 15 });

describe("zonedWallClockToEpochMs", () => {
  it.each(["UTC", "Etc/UTC"])("reads a wall clock in %s as that instant", (timeZone) => {
    expect(zonedWallClockToEpochMs(WALL, timeZone)).toBe(WALL);
    expect(wallClockAsUtcMs(getZonedWallClock(WALL, timeZone))).toBe(WALL);
  });

  it("still asks the zone's rules for every other zone", () => {
    expect(zonedWallClockToEpochMs(WALL, "Europe/Moscow")).toBe(WALL - 3 * 3_600_000);
    expect(zonedWallClockToEpochMs(WALL, "Etc/GMT-5")).toBe(WALL - 5 * 3_600_000);
    // 02:30 on 31 March 2024 does not exist in Berlin (clocks jump 02:00 → 03:00): one offset step away.
    expect(new Date(zonedWallClockToEpochMs(WALL, "Europe/Berlin")).toISOString()).toBe(
      "2024-03-31T01:30:15.000Z",
    );
  });
});

import { describe, expect, it } from "vitest";

import { parseDay, startOfZonedDay } from "@/lib/zoned-day";

describe("parseDay", () => {
  it("accepts real calendar days only", () => {
    expect(parseDay("2026-11-20")).toEqual({ year: 2026, month: 11, day: 20 });
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("20.11.2026")).toBeNull();
    expect(parseDay("2026-11-20T00:00")).toBeNull();
  });
});

describe("startOfZonedDay", () => {
  it("starts the day at local midnight of the workspace time zone", () => {
    expect(startOfZonedDay("2026-11-20", "Europe/Moscow")?.toISOString()).toBe(
      "2026-11-19T21:00:00.000Z",
    );
    expect(startOfZonedDay("2026-11-20", "Asia/Novosibirsk")?.toISOString()).toBe(
      "2026-11-19T17:00:00.000Z",
    );
    expect(startOfZonedDay("2026-11-20", "UTC")?.toISOString()).toBe("2026-11-20T00:00:00.000Z");
  });

  it("moves by whole days, across month ends", () => {
    expect(startOfZonedDay("2026-11-30", "Europe/Moscow", 1)?.toISOString()).toBe(
      "2026-11-30T21:00:00.000Z",
    );
  });

  it("handles days with a daylight-saving shift", () => {
    expect(startOfZonedDay("2026-03-29", "Europe/Berlin")?.toISOString()).toBe(
      "2026-03-28T23:00:00.000Z",
    );
    expect(startOfZonedDay("2026-03-30", "Europe/Berlin")?.toISOString()).toBe(
      "2026-03-29T22:00:00.000Z",
    );
  });

  it("returns null for a day that is not one", () => {
    expect(startOfZonedDay("yesterday", "UTC")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";

import { formatKlientiksLocalDate, isValidTimeZone, parseKlientiksDateTime } from "./local-time";

const iso = (value: string, timeZone: string) =>
  parseKlientiksDateTime(value, timeZone)?.toISOString() ?? null;

describe("parseKlientiksDateTime", () => {
  it("reads naive strings as Moscow time (UTC+3), keeping microseconds to the millisecond", () => {
    expect(iso("2021-09-28 19:26:04.295301", "Europe/Moscow")).toBe("2021-09-28T16:26:04.295Z");
    expect(iso("2025-03-10 12:00:00", "Europe/Moscow")).toBe("2025-03-10T09:00:00.000Z");
    // Before October 2014 Moscow was UTC+4: the zone's history, not a fixed offset, applies.
    expect(iso("2012-06-01 12:00:00", "Europe/Moscow")).toBe("2012-06-01T08:00:00.000Z");
  });

  it("honours other zones, including daylight saving time", () => {
    expect(iso("2025-07-01 09:00:00", "America/New_York")).toBe("2025-07-01T13:00:00.000Z");
    expect(iso("2025-01-15 09:00:00", "America/New_York")).toBe("2025-01-15T14:00:00.000Z");
    expect(iso("2025-01-01 00:30:00", "Asia/Novosibirsk")).toBe("2024-12-31T17:30:00.000Z");
  });

  it("finds the right offset on the day the clocks change, when the naive guess lands on the other side", () => {
    // New York springs forward at 07:00Z on 2025-03-09 and falls back at 06:00Z on 2025-11-02.
    expect(iso("2025-03-09 03:30:00", "America/New_York")).toBe("2025-03-09T07:30:00.000Z");
    expect(iso("2025-11-02 03:00:00", "America/New_York")).toBe("2025-11-02T08:00:00.000Z");
  });

  it.each([
    ["2025-03-10 12:00:00", "2025-03-10T09:00:00.000Z"],
    ["2025-03-10 12:00:00.5", "2025-03-10T09:00:00.500Z"],
    ["2025-03-10 12:00:00.123", "2025-03-10T09:00:00.123Z"],
    ["2025-03-10 12:00:00.999999", "2025-03-10T09:00:00.999Z"],
    ["2025-03-10 12:00", "2025-03-10T09:00:00.000Z"],
    ["2025-03-10", "2025-03-09T21:00:00.000Z"],
  ])("accepts 0–6 fractional digits and shorter forms: %s", (value, expected) => {
    expect(iso(value, "Europe/Moscow")).toBe(expected);
  });

  it("honours an explicit offset or Z, and reads a T separator without one as local time", () => {
    expect(iso("2025-03-10T12:00:00Z", "Europe/Moscow")).toBe("2025-03-10T12:00:00.000Z");
    expect(iso("2025-03-10 12:00:00+05:00", "Europe/Moscow")).toBe("2025-03-10T07:00:00.000Z");
    expect(iso("2025-03-10 12:00:00.250-0330", "Europe/Moscow")).toBe("2025-03-10T15:30:00.250Z");
    expect(iso("2025-03-10T12:00:00+03", "America/New_York")).toBe("2025-03-10T09:00:00.000Z");
    expect(iso("2025-03-10T12:00:00", "Europe/Moscow")).toBe("2025-03-10T09:00:00.000Z");
  });

  it.each([
    "",
    "not a date",
    "0000-00-00 00:00:00",
    "2025-02-30 10:00:00",
    "2025-01-01 24:00:00",
    "10.03.2025 12:00:00",
  ])("returns null for %j", (value) => {
    expect(parseKlientiksDateTime(value, "Europe/Moscow")).toBeNull();
  });
});

describe("formatKlientiksLocalDate", () => {
  it("gives the calendar day the account's clocks show", () => {
    const instant = new Date("2025-03-09T21:30:00Z");
    expect(formatKlientiksLocalDate(instant, "Europe/Moscow")).toBe("2025-03-10");
    expect(formatKlientiksLocalDate(instant, "America/New_York")).toBe("2025-03-09");
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zones and rejects anything else", () => {
    expect(isValidTimeZone("Europe/Moscow")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

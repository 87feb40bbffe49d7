import { describe, expect, it } from "vitest";

import { formatZadarmaLocalTime, parseZadarmaLocalTime, zadarmaTimeZoneToIana } from "./local-time";

describe("parseZadarmaLocalTime", () => {
  it("reads Moscow time as UTC+3 all year", () => {
    expect(parseZadarmaLocalTime("2024-05-06 10:11:12", "Europe/Moscow")?.toISOString()).toBe(
      "2024-05-06T07:11:12.000Z",
    );
    expect(parseZadarmaLocalTime("2024-01-15 00:30:00", "Europe/Moscow")?.toISOString()).toBe(
      "2024-01-14T21:30:00.000Z",
    );
  });

  it("follows Berlin's DST: +1 in winter, +2 in summer, either side of the March change", () => {
    expect(parseZadarmaLocalTime("2024-03-31 01:59:59", "Europe/Berlin")?.toISOString()).toBe(
      "2024-03-31T00:59:59.000Z",
    );
    expect(parseZadarmaLocalTime("2024-03-31 03:00:00", "Europe/Berlin")?.toISOString()).toBe(
      "2024-03-31T01:00:00.000Z",
    );
    expect(parseZadarmaLocalTime("2024-07-01 12:00:00", "Europe/Berlin")?.toISOString()).toBe(
      "2024-07-01T10:00:00.000Z",
    );
  });

  it("follows Berlin's October change back to winter time", () => {
    expect(parseZadarmaLocalTime("2024-10-27 01:30:00", "Europe/Berlin")?.toISOString()).toBe(
      "2024-10-26T23:30:00.000Z",
    );
    expect(parseZadarmaLocalTime("2024-10-27 04:00:00", "Europe/Berlin")?.toISOString()).toBe(
      "2024-10-27T03:00:00.000Z",
    );
  });

  it("reads fixed-offset zones from info/timezone", () => {
    expect(parseZadarmaLocalTime("2024-05-06 10:11:12", "Etc/GMT-3")?.toISOString()).toBe(
      "2024-05-06T07:11:12.000Z",
    );
  });

  const unreadable = [
    "2024-05-06T10:11:12",
    "2024-05-06 10:11",
    "2024-13-01 00:00:00",
    "2024-02-30 10:00:00",
    "2024-05-06 24:00:00",
    " 2024-05-06 10:11:12",
    "",
  ];
  it.each(unreadable)("rejects %j", (text) => {
    expect(parseZadarmaLocalTime(text, "Europe/Moscow")).toBeNull();
  });
});

describe("formatZadarmaLocalTime", () => {
  it("writes the zone's wall clock, across DST, and round-trips", () => {
    expect(formatZadarmaLocalTime(new Date("2024-05-06T07:11:12.999Z"), "Europe/Moscow")).toBe(
      "2024-05-06 10:11:12",
    );
    expect(formatZadarmaLocalTime(new Date("2024-03-31T00:59:59Z"), "Europe/Berlin")).toBe(
      "2024-03-31 01:59:59",
    );
    expect(formatZadarmaLocalTime(new Date("2024-03-31T01:00:00Z"), "Europe/Berlin")).toBe(
      "2024-03-31 03:00:00",
    );
    const instant = new Date("2024-10-27T05:06:07Z");
    expect(
      parseZadarmaLocalTime(formatZadarmaLocalTime(instant, "Europe/Berlin"), "Europe/Berlin"),
    ).toEqual(instant);
  });
});

describe("zadarmaTimeZoneToIana", () => {
  it.each([
    ["UTC+3", "Etc/GMT-3"],
    ["UTC-5", "Etc/GMT+5"],
    ["UTC+0", "UTC"],
    ["UTC", "UTC"],
    ["GMT+03:00", "Etc/GMT-3"],
    ["UTC+14", "Etc/GMT-14"],
    ["UTC+5:30", "Asia/Kolkata"],
    ["UTC+05:45", "Asia/Kathmandu"],
    ["Europe/Moscow", "Europe/Moscow"],
    [" Europe/Berlin ", "Europe/Berlin"],
  ])("%j → %j", (value, expected) => {
    expect(zadarmaTimeZoneToIana(value)).toBe(expected);
  });

  it.each(["UTC+15", "UTC-13", "UTC+3:20", "Moscow", "Mars/Olympus", ""])(
    "cannot read %j",
    (value) => {
      expect(zadarmaTimeZoneToIana(value)).toBeNull();
    },
  );
});

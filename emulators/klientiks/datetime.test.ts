import { describe, expect, it } from "vitest";

import { formatLocalTimestamp, localDateTimeToEpoch, normalizeNaiveDateTime } from "./datetime";

describe("account-local datetimes", () => {
  it("formats epoch ms as naive local time with microseconds", () => {
    expect(formatLocalTimestamp(Date.parse("2025-01-01T07:00:00.123Z"), "Europe/Moscow")).toBe(
      "2025-01-01 10:00:00.123000",
    );
  });

  it("converts naive local time back to epoch ms, across a DST change", () => {
    expect(
      new Date(localDateTimeToEpoch("2025-01-01 10:00:00", "Europe/Moscow")).toISOString(),
    ).toBe("2025-01-01T07:00:00.000Z");
    expect(
      new Date(localDateTimeToEpoch("2025-07-01 10:00:00", "Europe/Berlin")).toISOString(),
    ).toBe("2025-07-01T08:00:00.000Z");
    expect(
      new Date(localDateTimeToEpoch("2025-01-01 10:00:00", "Europe/Berlin")).toISOString(),
    ).toBe("2025-01-01T09:00:00.000Z");
  });

  it("normalises the datetime-local form and rejects impossible dates", () => {
    expect(normalizeNaiveDateTime("2025-03-11T14:30")).toBe("2025-03-11 14:30:00");
    expect(normalizeNaiveDateTime("2025-02-30 10:00")).toBeNull();
    expect(normalizeNaiveDateTime("tomorrow")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";

import { formatClockDuration, spanWords } from "@/lib/format-duration";

describe("formatClockDuration", () => {
  it("writes minutes and seconds, and hours only when there are any", () => {
    expect(formatClockDuration(0)).toBe("0:00");
    expect(formatClockDuration(5)).toBe("0:05");
    expect(formatClockDuration(754.9)).toBe("12:34");
    expect(formatClockDuration(3723)).toBe("1:02:03");
  });

  it("shows nothing for a time not known", () => {
    expect(formatClockDuration(null)).toBeNull();
    expect(formatClockDuration(Number.NaN)).toBeNull();
    expect(formatClockDuration(-1)).toBeNull();
  });
});

describe("spanWords", () => {
  it("picks the unit people say the span in", () => {
    expect(spanWords(42)).toEqual({ key: "seconds", values: { count: 42 } });
    expect(spanWords(12 * 60 + 59)).toEqual({ key: "minutes", values: { count: 12 } });
    expect(spanWords(2 * 3600)).toEqual({ key: "hours", values: { count: 2 } });
    expect(spanWords(3 * 3600 + 5 * 60)).toEqual({
      key: "hoursMinutes",
      values: { hours: 3, minutes: 5 },
    });
    expect(spanWords(26 * 3600 + 30 * 60)).toEqual({ key: "hours", values: { count: 26 } });
  });
});

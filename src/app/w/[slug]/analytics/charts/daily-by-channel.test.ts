import { describe, expect, it } from "vitest";

import { pivotDailyByChannel } from "./daily-by-channel";

const period = { from: "2026-12-01", to: "2026-12-03" };
const row = (day: string, channel: string, communications: number, revenueMinor = 0) => ({
  day,
  channel,
  communications,
  revenueMinor,
});

describe("pivotDailyByChannel", () => {
  it("puts each day's channels side by side and fills days without rows with zeros", () => {
    const daily = [
      row("2026-12-01", "paid", 3),
      row("2026-12-01", "", 1),
      row("2026-12-03", "organic", 2),
    ];
    expect(pivotDailyByChannel(daily, period, "communications")).toEqual({
      channels: ["paid", "organic", ""],
      total: 6,
      days: [
        { day: "2026-12-01", byChannel: { paid: 3, organic: 0, "": 1 } },
        { day: "2026-12-02", byChannel: { paid: 0, organic: 0, "": 0 } },
        { day: "2026-12-03", byChannel: { paid: 0, organic: 2, "": 0 } },
      ],
    });
  });

  it("charts the asked figure and leaves out channels that had none of it", () => {
    const daily = [row("2026-12-02", "paid", 5, 0), row("2026-12-02", "social", 1, 250_000)];
    const revenue = pivotDailyByChannel(daily, period, "revenueMinor");
    expect(revenue.channels).toEqual(["social"]);
    expect(revenue.days[1]).toEqual({ day: "2026-12-02", byChannel: { social: 250_000 } });
  });

  it("adds up repeated rows of one day and channel", () => {
    const daily = [row("2026-12-02", "paid", 2), row("2026-12-02", "paid", 3)];
    expect(pivotDailyByChannel(daily, period, "communications").days[1]?.byChannel).toEqual({
      paid: 5,
    });
  });

  it("ignores rows outside the period", () => {
    const daily = [row("2026-11-30", "paid", 4), row("2026-12-04", "email", 1)];
    const pivot = pivotDailyByChannel(daily, period, "communications");
    expect(pivot.channels).toEqual([]);
    expect(pivot.total).toBe(0);
    expect(pivot.days.map((entry) => entry.day)).toEqual([
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
    ]);
  });

  it("has no channels to draw when the period has no data", () => {
    expect(pivotDailyByChannel([], period, "revenueMinor").channels).toEqual([]);
  });
});

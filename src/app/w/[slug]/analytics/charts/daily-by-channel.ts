import type { TAnalyticsReport } from "../analytics-types";
import { inStackingOrder } from "./channel-palette";
import { daysOfPeriod } from "./day-series";

type TDailyRow = TAnalyticsReport["daily"][number];
export type TDailyFigure = "communications" | "revenueMinor";

/** One bar of a stacked chart: a day and each channel's figure on it (0 when it had none). */
export type TDayByChannel = { day: string; byChannel: Record<string, number> };

export type TDailyByChannel = {
  days: TDayByChannel[];
  /** Channels with a non-zero figure in the period, in stacking order; empty means nothing to draw. */
  channels: string[];
  /** The figure summed over the period, for the chart's spoken summary. */
  total: number;
};

/**
 * The daily series pivoted into one entry per day of the period, days without rows included, so
 * the X axis shows the period as it is rather than only the days that had data.
 */
export function pivotDailyByChannel(
  daily: TDailyRow[],
  period: { from: string; to: string },
  figure: TDailyFigure,
): TDailyByChannel {
  const periodDays = daysOfPeriod(period.from, period.to);
  const sums = new Map<string, Record<string, number>>(periodDays.map((day) => [day, {}]));
  const channelsWithData = new Set<string>();
  let total = 0;
  for (const row of daily) {
    const value = row[figure];
    const byChannel = sums.get(row.day);
    // A day outside the period has no bar to join.
    if (value === 0 || !byChannel) continue;
    byChannel[row.channel] = (byChannel[row.channel] ?? 0) + value;
    channelsWithData.add(row.channel);
    total += value;
  }
  const channels = inStackingOrder(channelsWithData);
  const days = periodDays.map((day) => {
    const dayValues = sums.get(day) ?? {};
    return {
      day,
      byChannel: Object.fromEntries(channels.map((channel) => [channel, dayValues[channel] ?? 0])),
    };
  });
  return { days, channels, total };
}

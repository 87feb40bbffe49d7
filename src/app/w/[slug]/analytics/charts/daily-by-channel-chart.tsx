"use client";

import { useLocale } from "next-intl";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { colourOfChannel } from "./channel-palette";
import { formatShortDay } from "./chart-formats";
import type { TDailyByChannel, TDayByChannel } from "./daily-by-channel";
import { useChannelLabel } from "./use-channel-label";

type TDailyByChannelChartProps = {
  series: TDailyByChannel;
  /** A value as the tooltip says it (money, a count). */
  formatValue: (value: number) => string;
  /** A value on the Y axis, shorter than in the tooltip. */
  formatAxisValue: (value: number) => string;
};

/** One bar per day of the period, its channels stacked in their fixed order and colours. */
export function DailyByChannelChart({
  series,
  formatValue,
  formatAxisValue,
}: TDailyByChannelChartProps) {
  const locale = useLocale();
  const channelLabel = useChannelLabel();
  const dayLabel = (day: unknown) => formatShortDay(String(day), locale);
  // The tooltip lists a day's channels as they stack, the top one first, like the bar itself.
  const stackRank = new Map(
    series.channels.map((channel, index) => [channelLabel(channel), index]),
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={series.days} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="day" tickFormatter={dayLabel} minTickGap={12} tick={{ fontSize: 12 }} />
        <YAxis
          tickFormatter={formatAxisValue}
          allowDecimals={false}
          width="auto"
          tick={{ fontSize: 12 }}
        />
        <Tooltip
          labelFormatter={dayLabel}
          formatter={(value) => formatValue(Number(value))}
          itemSorter={(item) => -(stackRank.get(String(item.name)) ?? 0)}
          cursor={{ fill: "#f1f5f9" }}
        />
        {/* Unsorted: the legend keeps the stacking order, not the alphabet of one language. */}
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {series.channels.map((channel) => (
          <Bar
            // Drawn at once: a dashboard refreshes every 30 s, and a replayed animation reads as a change.
            isAnimationActive={false}
            key={channel}
            // A function, not a key path: the undefined channel's key is the empty string. A
            // zero is null, which the tooltip leaves out, so it lists only the day's channels.
            dataKey={(entry: TDayByChannel) => entry.byChannel[channel] || null}
            name={channelLabel(channel)}
            stackId="channels"
            fill={colourOfChannel(channel)}
            maxBarSize={32}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

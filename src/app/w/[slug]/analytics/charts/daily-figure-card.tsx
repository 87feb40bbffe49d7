"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";

import { formatMoney } from "@/lib/format-money";

import type { TAnalyticsReport } from "../analytics-types";
import { ChartCard } from "./chart-card";
import { formatCompact, formatCompactMoney, formatCount, formatShortDay } from "./chart-formats";
import { pivotDailyByChannel, type TDailyFigure } from "./daily-by-channel";
import { DailyByChannelChart } from "./daily-by-channel-chart";

const CARDS = {
  revenueMinor: { messages: "revenueByDay", testId: "chart-revenue-by-day" },
  communications: { messages: "communicationsByDay", testId: "chart-communications-by-day" },
} as const;

/** A daily figure of the report (revenue or communications) over the period, by channel. */
export function DailyFigureCard({
  report,
  figure,
  currency,
}: {
  report: TAnalyticsReport;
  figure: TDailyFigure;
  currency: string;
}) {
  const { messages, testId } = CARDS[figure];
  const locale = useLocale();
  const series = useMemo(
    () => pivotDailyByChannel(report.daily, report.period, figure),
    [report.daily, report.period, figure],
  );
  const isMoney = figure === "revenueMinor";
  const formatValue = (value: number) =>
    isMoney ? formatMoney(value, currency, locale) : formatCount(value, locale);
  const formatAxisValue = (value: number) =>
    isMoney ? formatCompactMoney(value, currency, locale) : formatCompact(value, locale);
  return (
    <ChartCard
      testId={testId}
      messages={messages}
      summaryValues={{
        from: formatShortDay(report.period.from, locale),
        to: formatShortDay(report.period.to, locale),
        total: formatValue(series.total),
      }}
      isEmpty={series.channels.length === 0}
    >
      <DailyByChannelChart
        series={series}
        formatValue={formatValue}
        formatAxisValue={formatAxisValue}
      />
    </ChartCard>
  );
}

"use client";

import { useLocale } from "next-intl";

import type { TCountedFigures } from "@/lib/report-metrics";

import { ChartCard } from "./chart-card";
import { formatCount } from "./chart-formats";
import { funnelSteps, stageGroupSplit } from "./funnel";
import { FunnelChart } from "./funnel-chart";

/** The period's funnel from the report's total row. */
export function FunnelCard({ total }: { total: TCountedFigures }) {
  const locale = useLocale();
  const steps = funnelSteps(total);
  const countOf = Object.fromEntries(
    steps.map(({ key, count }) => [key, formatCount(count, locale)]),
  );
  return (
    <ChartCard
      testId="chart-funnel"
      messages="funnel"
      summaryValues={countOf}
      isEmpty={steps.every(({ count }) => count === 0)}
      plotClassName="h-80"
    >
      <FunnelChart steps={steps} stageGroups={stageGroupSplit(total)} />
    </ChartCard>
  );
}

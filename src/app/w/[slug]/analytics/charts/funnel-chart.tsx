"use client";

import { useLocale, useTranslations } from "next-intl";

import { formatCount, formatPercent } from "./chart-formats";
import type { TFunnelStep, TStageGroupCount } from "./funnel";
import { RankedBarsChart } from "./ranked-bars-chart";
import { StageGroupsChart } from "./stage-groups-chart";

const FUNNEL_COLOUR = "#6366f1"; // indigo-500

/** The funnel's steps as bars, each with its count and the conversion from the step before. */
export function FunnelChart({
  steps,
  stageGroups,
}: {
  steps: TFunnelStep[];
  stageGroups: TStageGroupCount[];
}) {
  const t = useTranslations("analyticsCharts");
  const locale = useLocale();
  const countText = (count: number) => formatCount(count, locale);
  const bars = steps.map(({ key, count, conversionFromPrevious }) => ({
    name: t(`funnel.steps.${key}`),
    value: count,
    valueText:
      conversionFromPrevious === null
        ? countText(count)
        : `${countText(count)} (${formatPercent(conversionFromPrevious, locale)})`,
    fill: FUNNEL_COLOUR,
  }));
  const hasDeals = stageGroups.some(({ count }) => count > 0);
  return (
    <div className="flex h-full flex-col gap-2">
      <div className="min-h-0 flex-1">
        <RankedBarsChart bars={bars} valueName={t("funnel.count")} />
      </div>
      {hasDeals ? (
        <>
          <p className="text-xs font-medium text-slate-600">{t("funnel.stageGroupsTitle")}</p>
          <div className="h-16">
            <StageGroupsChart split={stageGroups} formatCount={countText} />
          </div>
        </>
      ) : null}
    </div>
  );
}

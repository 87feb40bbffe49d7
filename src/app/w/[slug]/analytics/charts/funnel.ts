import { deriveReportMetrics, type TCountedFigures } from "@/lib/report-metrics";

export type TFunnelStepKey = "visits" | "communications" | "deals" | "wonDeals";

export type TFunnelStep = {
  key: TFunnelStepKey;
  count: number;
  /** Share of the step before that reached this one; null for the first step or after a zero. */
  conversionFromPrevious: number | null;
};

/** Visits → communications → deals → won deals, with the conversions the report table shows. */
export function funnelSteps(figures: TCountedFigures): TFunnelStep[] {
  const metrics = deriveReportMetrics(figures);
  return [
    { key: "visits", count: figures.visits, conversionFromPrevious: null },
    {
      key: "communications",
      count: metrics.communications,
      conversionFromPrevious: metrics.visitToCommunication,
    },
    { key: "deals", count: figures.deals, conversionFromPrevious: metrics.communicationToDeal },
    { key: "wonDeals", count: figures.wonDeals, conversionFromPrevious: metrics.dealToWon },
  ];
}

export type TStageGroupSplit = { inWork: number; won: number; lost: number };

/** The period's deals by today's stage group: what is neither won nor lost is still in work. */
export const stageGroupSplit = (figures: TCountedFigures): TStageGroupSplit => ({
  inWork: Math.max(0, figures.deals - figures.wonDeals - figures.lostDeals),
  won: figures.wonDeals,
  lost: figures.lostDeals,
});

import { deriveReportMetrics, type TCountedFigures } from "@/lib/report-metrics";

import type { TStageGroup } from "../../deals/deal-types";
import type { TReportRow } from "../analytics-types";

export const NOTHING_COUNTED: TCountedFigures = {
  visits: 0,
  bookings: 0,
  calls: 0,
  newClients: 0,
  deals: 0,
  wonDeals: 0,
  lostDeals: 0,
  revenueMinor: 0,
  costMinor: null,
};

/** The period's figures from the total row; a period without a counted row has none, so zeros. */
export const periodTotal = (rows: TReportRow[]): TCountedFigures =>
  rows.find((row) => row.level === "total")?.current ?? NOTHING_COUNTED;

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

export type TStageGroupCount = { group: TStageGroup; count: number };

/**
 * The period's deals by today's stage group, in the order Deals lists the groups: what is neither
 * won nor lost is still in work.
 */
export const stageGroupSplit = (figures: TCountedFigures): TStageGroupCount[] => [
  { group: "in_work", count: Math.max(0, figures.deals - figures.wonDeals - figures.lostDeals) },
  { group: "won", count: figures.wonDeals },
  { group: "lost", count: figures.lostDeals },
];

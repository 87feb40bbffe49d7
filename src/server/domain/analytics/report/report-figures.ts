/** The counted figures of a report row (docs/analytics.md §2); the derived ones are src/lib/report-metrics.ts. */
export type TReportFigures = {
  visits: number;
  bookings: number;
  calls: number;
  newClients: number;
  deals: number;
  wonDeals: number;
  lostDeals: number;
  revenueMinor: number;
  /** Null when the viewer may not see costs (docs/analytics-costs.md). */
  costMinor: number | null;
};

export const FIGURE_KEYS = [
  "visits",
  "bookings",
  "calls",
  "newClients",
  "deals",
  "wonDeals",
  "lostDeals",
  "revenueMinor",
] as const;

/**
 * The SQL sums of the counted figures for rows of `day` in the period and in the comparison period
 * before it, cast so the driver returns numbers: counts fit an int, kopecks a double exactly.
 */
export type TFigureSums = Record<
  (typeof FIGURE_KEYS)[number] | `p_${(typeof FIGURE_KEYS)[number]}`,
  number
>;

export const splitFigureSums = (
  row: TFigureSums & { cost: number | null; p_cost: number | null },
): { current: TReportFigures; previous: TReportFigures } => ({
  current: {
    ...Object.fromEntries(FIGURE_KEYS.map((key) => [key, row[key]])),
    costMinor: row.cost,
  } as TReportFigures,
  previous: {
    ...Object.fromEntries(FIGURE_KEYS.map((key) => [key, row[`p_${key}`]])),
    costMinor: row.p_cost,
  } as TReportFigures,
});

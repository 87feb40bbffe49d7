/**
 * The report's derived figures (docs/analytics.md §2), from the counted ones. A ratio whose divisor
 * is zero, or whose cost the viewer may not see, is null: the page shows «—», never 0 or ∞.
 */
export type TCountedFigures = {
  visits: number;
  bookings: number;
  calls: number;
  newClients: number;
  deals: number;
  wonDeals: number;
  lostDeals: number;
  revenueMinor: number;
  costMinor: number | null;
};

export type TReportMetrics = {
  communications: number;
  averageCheckMinor: number | null;
  visitToCommunication: number | null;
  communicationToDeal: number | null;
  dealToWon: number | null;
  costPerCommunicationMinor: number | null;
  costPerWonDealMinor: number | null;
  /** (revenue − cost) ÷ cost, as a fraction: 1.5 is +150 %. */
  romi: number | null;
};

const ratio = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : part / whole;

export function deriveReportMetrics(figures: TCountedFigures): TReportMetrics {
  const communications = figures.bookings + figures.calls;
  const cost = figures.costMinor;
  return {
    communications,
    averageCheckMinor: ratio(figures.revenueMinor, figures.wonDeals),
    visitToCommunication: ratio(communications, figures.visits),
    communicationToDeal: ratio(figures.deals, communications),
    dealToWon: ratio(figures.wonDeals, figures.deals),
    costPerCommunicationMinor: ratio(cost, communications),
    costPerWonDealMinor: ratio(cost, figures.wonDeals),
    romi: cost === null ? null : ratio(figures.revenueMinor - cost, cost),
  };
}

/** The change from the comparison period as a fraction (0.25 is +25 %); null when it was 0. */
export const changeFrom = (current: number | null, previous: number | null): number | null =>
  current === null || previous === null ? null : ratio(current - previous, Math.abs(previous));

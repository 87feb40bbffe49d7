"use client";

import type { TAnalyticsReport } from "../analytics-types";
import { DailyFigureCard } from "./daily-figure-card";
import { periodTotal } from "./funnel";
import { FunnelCard } from "./funnel-card";
import { TopCampaignsCard } from "./top-campaigns-card";

/**
 * The Analytics page's charts (issue 11 §2): revenue and communications by day stacked by channel,
 * the funnel, and the top campaigns by revenue and, for a viewer who sees costs, by ROMI.
 */
export function AnalyticsCharts({
  report,
  currency,
}: {
  report: TAnalyticsReport;
  currency: string;
}) {
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <DailyFigureCard report={report} figure="revenueMinor" currency={currency} />
      <DailyFigureCard report={report} figure="communications" currency={currency} />
      <FunnelCard total={periodTotal(report.rows)} />
      <TopCampaignsCard report={report} ranking="revenue" currency={currency} />
      {report.showsCosts ? (
        <TopCampaignsCard report={report} ranking="romi" currency={currency} />
      ) : null}
    </div>
  );
}

import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/api/root";

type TRouterOutputs = inferRouterOutputs<AppRouter>;

/** The report of a period as the page receives it (docs/analytics.md §5). */
export type TAnalyticsReport = TRouterOutputs["analytics"]["report"];
export type TReportRow = TAnalyticsReport["rows"][number];
export type TUtmRow = TRouterOutputs["analytics"]["utmBreakdown"][number];

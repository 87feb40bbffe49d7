import { z } from "zod";

import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";
import { loadAnalyticsReport } from "@/server/domain/analytics/report/load-report";
import { loadUtmBreakdown } from "@/server/domain/analytics/report/load-utm-breakdown";
import { ZReportPeriodSchema } from "@/server/domain/analytics/report/report-period";
import { loadReportLabels, showsCostsTo } from "@/server/domain/analytics/report/report-viewer";
import { refreshAnalyticsRollups } from "@/server/domain/analytics/rollups/refresh-rollups";

/** Days the report rebuilds itself before it reads; a longer backlog is the background's (docs/analytics.md §4). */
const DAYS_REFRESHED_BY_A_READ = 31;

const ZFigures = z.object({
  visits: z.number(),
  bookings: z.number(),
  calls: z.number(),
  newClients: z.number(),
  deals: z.number(),
  wonDeals: z.number(),
  lostDeals: z.number(),
  revenueMinor: z.number(),
  costMinor: z.number().nullable(),
});
const ZCompared = { current: ZFigures, previous: ZFigures };
const ZPeriod = z.object({ from: z.string(), to: z.string() });

export const analyticsRouter = createTrpcRouter({
  report: tenantProcedure
    .input(ZReportPeriodSchema)
    .output(
      z.object({
        period: ZPeriod,
        previousPeriod: ZPeriod,
        showsCosts: z.boolean(),
        rows: z.array(
          z.object({
            level: z.enum(["total", "channel", "source", "campaign"]),
            channel: z.string(),
            sourceId: z.string(),
            campaignId: z.string(),
            ...ZCompared,
          }),
        ),
        daily: z.array(
          z.object({
            day: z.string(),
            channel: z.string(),
            communications: z.number(),
            revenueMinor: z.number(),
          }),
        ),
        sources: z.array(
          z.object({ id: z.string(), name: z.string(), presetKey: z.string().nullable() }),
        ),
        campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { tenantId, role } = ctx.tenant;
      await refreshAnalyticsRollups(ctx.db, { tenantId, maxDays: DAYS_REFRESHED_BY_A_READ });
      const showsCosts = await showsCostsTo(ctx.db, { tenantId, role });
      const [report, labels] = await Promise.all([
        loadAnalyticsReport(ctx.db, { tenantId, period: input, showsCosts }),
        loadReportLabels(ctx.db, { tenantId }),
      ]);
      return { ...report, ...labels, showsCosts };
    }),

  /** A campaign row opened: its UTM content and term. */
  utmBreakdown: tenantProcedure
    .input(
      z.object({
        period: ZReportPeriodSchema,
        channel: z.string().max(32),
        sourceId: z.string().max(64),
        campaignId: z.string().max(64),
      }),
    )
    .output(z.array(z.object({ utmContent: z.string(), utmTerm: z.string(), ...ZCompared })))
    .query(({ ctx, input: { period, ...group } }) =>
      loadUtmBreakdown(ctx.db, { tenantId: ctx.tenant.tenantId, period, ...group }),
    ),
});

import { TrafficChannel } from "@generated/prisma/client";
import { z } from "zod";

import { getTodayIn } from "@/lib/period-presets";
import { createTrpcRouter, tenantAdminProcedure, tenantProcedure } from "@/server/api/trpc";
import { canSeeCosts } from "@/server/domain/analytics/costs/can-see-costs";
import { monthsEndingWith } from "@/server/domain/analytics/costs/cost-month";
import {
  findHideCostsFromAgents,
  setHideCostsFromAgents,
} from "@/server/domain/analytics/costs/cost-visibility";
import { MAX_COSTS_CSV_BYTES } from "@/server/domain/analytics/costs/costs-csv-limits";
import { findCostGrid } from "@/server/domain/analytics/costs/find-cost-grid";
import { importCostsCsv } from "@/server/domain/analytics/costs/import-costs-csv";
import { setMonthlyCost, ZMonthlyCostRequest } from "@/server/domain/analytics/costs/monthly-cost";
import { canManageMembers } from "@/server/domain/members/roles";
import { AppError } from "@/server/errors";

/** The grid shows a year: what a salon plans and compares its ad spend over. */
const GRID_MONTHS = 12;

const ZRowError = z.object({ line: z.number(), reason: z.string(), detail: z.string().optional() });

/** Analytics → Расходы (docs/analytics-costs.md). Writes are for owners and admins. */
export const costsRouter = createTrpcRouter({
  grid: tenantProcedure
    .output(
      z.object({
        canEdit: z.boolean(),
        hideCostsFromAgents: z.boolean(),
        months: z.array(z.string()),
        campaigns: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            sourceName: z.string(),
            sourcePresetKey: z.string().nullable(),
            channel: z.enum(TrafficChannel),
            costs: z.array(
              z.object({
                month: z.string(),
                manualMinor: z.bigint().nullable(),
                importedMinor: z.bigint(),
              }),
            ),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const { tenantId, role, timezone } = ctx.tenant;
      const hideCostsFromAgents = await findHideCostsFromAgents(ctx.db, { tenantId });
      if (!canSeeCosts({ role, hideCostsFromAgents })) throw new AppError("FORBIDDEN");
      const months = monthsEndingWith(getTodayIn(timezone, new Date()), GRID_MONTHS);
      return {
        canEdit: canManageMembers(role),
        hideCostsFromAgents,
        months,
        campaigns: await findCostGrid(ctx.db, { tenantId, months }),
      };
    }),

  setMonthly: tenantAdminProcedure
    .input(ZMonthlyCostRequest)
    .output(
      z.object({ campaignId: z.string(), month: z.string(), amountMinor: z.bigint().nullable() }),
    )
    .mutation(({ ctx, input }) =>
      setMonthlyCost(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        request: input,
      }),
    ),

  importCsv: tenantAdminProcedure
    // Characters, not bytes: the parser measures bytes and names the problem to the user.
    .input(z.object({ text: z.string().max(MAX_COSTS_CSV_BYTES * 2, "tooBig") }))
    .output(
      z.discriminatedUnion("status", [
        z.object({ status: z.literal("imported"), rowCount: z.number(), costCount: z.number() }),
        z.object({
          status: z.literal("rejected"),
          errors: z.array(ZRowError),
          errorCount: z.number(),
        }),
        z.object({ status: z.literal("refused"), problem: z.string() }),
      ]),
    )
    .mutation(({ ctx, input }) =>
      importCostsCsv(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        text: input.text,
      }),
    ),

  setHideFromAgents: tenantAdminProcedure
    .input(z.object({ hideCostsFromAgents: z.boolean() }))
    .output(z.object({ hideCostsFromAgents: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setHideCostsFromAgents(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        hideCostsFromAgents: input.hideCostsFromAgents,
      }),
    ),
});

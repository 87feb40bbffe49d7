import { z } from "zod";

import { createTrpcRouter, tenantAdminProcedure } from "@/server/api/trpc";
import {
  findAttributionSettings,
  updateAttributionSettings,
} from "@/server/domain/analytics/attribution-settings";
import { ZAttributionSettingsSchema } from "@/server/domain/analytics/attribution-settings-schema";
import {
  findLeadSourceValues,
  mapLeadSourceValue,
  unmapLeadSourceValue,
} from "@/server/domain/analytics/lead-source-mappings";
import { dispatchDealRecompute } from "@/server/jobs/dispatch";

/** A `lead_source` value as typed in Klientiks or sent back from the table. */
const ZLeadSourceValue = z.string().trim().min(1, "required").max(200, "tooLong");

const ZRecomputeStarted = z.object({ recomputeStarted: z.boolean() });

/** Hands the recompute a settings change started (if any) to the job driver; the page polls its progress. */
async function dispatchRecompute(recompute: { id: string; tenantId: string } | null) {
  if (recompute) await dispatchDealRecompute({ tenantId: recompute.tenantId, jobId: recompute.id });
  return { recomputeStarted: recompute !== null };
}

/**
 * Settings → Attribution (deal-attribution §11): the model, the window and the lead_source mapping.
 * Every change re-attributes the workspace's deals through the deal recompute, whose progress
 * `klientiks.dealRecomputeProgress` reports.
 */
export const attributionRouter = createTrpcRouter({
  settings: tenantAdminProcedure
    .output(ZAttributionSettingsSchema)
    .query(({ ctx }) => findAttributionSettings(ctx.db, { tenantId: ctx.tenant.tenantId })),

  updateSettings: tenantAdminProcedure
    .input(ZAttributionSettingsSchema)
    .output(ZRecomputeStarted)
    .mutation(async ({ ctx, input }) => {
      const { recompute } = await updateAttributionSettings(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        settings: input,
      });
      return dispatchRecompute(recompute);
    }),

  leadSources: tenantAdminProcedure
    .output(
      z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          dealCount: z.number(),
          fallbackDealCount: z.number(),
          sourceId: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx }) => findLeadSourceValues(ctx.db, { tenantId: ctx.tenant.tenantId })),

  mapLeadSource: tenantAdminProcedure
    .input(z.object({ value: ZLeadSourceValue, sourceId: z.string().min(1, "required").max(64) }))
    .output(ZRecomputeStarted)
    .mutation(async ({ ctx, input }) => {
      const { recompute } = await mapLeadSourceValue(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        ...input,
      });
      return dispatchRecompute(recompute);
    }),

  unmapLeadSource: tenantAdminProcedure
    .input(z.object({ value: ZLeadSourceValue }))
    .output(ZRecomputeStarted)
    .mutation(async ({ ctx, input }) => {
      const { recompute } = await unmapLeadSourceValue(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        value: input.value,
      });
      return dispatchRecompute(recompute);
    }),
});

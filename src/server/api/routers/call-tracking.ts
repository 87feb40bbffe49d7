import { z } from "zod";

import { createTrpcRouter, tenantAdminProcedure, tenantProcedure } from "@/server/api/trpc";
import type { TDbClient } from "@/server/db/types";
import {
  findCallSettings,
  findCallTrackingSites,
  findSitePublicKeys,
  updateCallSettings,
  updateSiteCallTracking,
} from "@/server/domain/call-tracking/call-tracking-settings";
import {
  addTrackingNumber,
  findTrackingNumbers,
  removeTrackingNumber,
  updateTrackingNumber,
} from "@/server/domain/call-tracking/manage-numbers";
import {
  TRACKING_NUMBER_USAGES,
  ZCallSettingsSchema,
  ZSiteCallTrackingRequestSchema,
  ZTrackingNumberRequestSchema,
} from "@/server/domain/call-tracking/schemas";
import { getTrackerRuntime } from "@/server/tracker-runtime";

const ZNumberView = z.object({
  id: z.string(),
  phone: z.string(),
  usage: z.enum(TRACKING_NUMBER_USAGES),
  siteId: z.string().nullable(),
  sourceId: z.string().nullable(),
  campaignId: z.string().nullable(),
  /** Held by a visit until then; null when free. */
  heldUntil: z.date().nullable(),
  createdAt: z.date(),
});
const ZSiteSettingsView = z.object({
  id: z.string(),
  domain: z.string(),
  name: z.string(),
  phoneTargets: z.array(z.string()),
  phoneSelector: z.string().nullable(),
  poolHoldMinutes: z.number(),
});
const ZNumberId = z.object({ numberId: z.string().max(64) });

/**
 * Whether a site shows a tracking number at all depends on the workspace's numbers (a static
 * one may serve every site): the tracker's site cache of this process forgets them at once,
 * other processes within 30 s.
 */
async function forgetTrackedSites(db: TDbClient, tenantId: string) {
  const { sites } = getTrackerRuntime();
  for (const publicKey of await findSitePublicKeys(db, { tenantId })) sites.invalidate(publicKey);
}

/**
 * Settings → Call tracking (docs/call-tracking.md §2): tracking numbers, each site's phones to
 * replace and hold time, the pools' coverage, and the workspace's unique and target call rules.
 * Every member may read them; changes are for admins.
 */
export const callTrackingRouter = createTrpcRouter({
  overview: tenantProcedure
    .output(
      z.object({
        sites: z.array(
          ZSiteSettingsView.extend({
            coverage: z.object({
              sessions: z.number(),
              poolSessions: z.number(),
              share: z.number().nullable(),
              fallbackGrants: z.number(),
              isExhaustedRecently: z.boolean(),
            }),
          }),
        ),
        numbers: z.array(ZNumberView),
        settings: ZCallSettingsSchema,
      }),
    )
    .query(async ({ ctx }) => {
      const scope = { tenantId: ctx.tenant.tenantId };
      const [sites, numbers, settings] = await Promise.all([
        findCallTrackingSites(ctx.db, scope),
        findTrackingNumbers(ctx.db, scope),
        findCallSettings(ctx.db, scope),
      ]);
      return { sites, numbers, settings };
    }),

  addNumber: tenantAdminProcedure
    .input(ZTrackingNumberRequestSchema)
    .output(ZNumberView)
    .mutation(async ({ ctx, input }) => {
      const result = await addTrackingNumber(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        request: input,
      });
      await forgetTrackedSites(ctx.db, ctx.tenant.tenantId);
      return result;
    }),

  updateNumber: tenantAdminProcedure
    .input(ZNumberId.extend({ changes: ZTrackingNumberRequestSchema }))
    .output(ZNumberView)
    .mutation(async ({ ctx, input }) => {
      const result = await updateTrackingNumber(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        numberId: input.numberId,
        request: input.changes,
      });
      await forgetTrackedSites(ctx.db, ctx.tenant.tenantId);
      return result;
    }),

  removeNumber: tenantAdminProcedure
    .input(ZNumberId)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await removeTrackingNumber(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        numberId: input.numberId,
      });
      await forgetTrackedSites(ctx.db, ctx.tenant.tenantId);
      return result;
    }),

  /** The tracker's site cache of this process forgets the site at once; others within 30 s. */
  updateSite: tenantAdminProcedure
    .input(z.object({ siteId: z.string().max(64), changes: ZSiteCallTrackingRequestSchema }))
    .output(ZSiteSettingsView)
    .mutation(async ({ ctx, input }) => {
      const { publicKey, ...site } = await updateSiteCallTracking(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        siteId: input.siteId,
        request: input.changes,
      });
      getTrackerRuntime().sites.invalidate(publicKey);
      return site;
    }),

  /** Recomputes every incoming call's unique and target flags when either rule changes. */
  updateSettings: tenantAdminProcedure
    .input(ZCallSettingsSchema)
    .output(ZCallSettingsSchema)
    .mutation(({ ctx, input }) =>
      updateCallSettings(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        settings: input,
      }),
    ),
});

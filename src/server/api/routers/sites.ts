import { z } from "zod";

import { getEnv } from "@/env";
import { createTrpcRouter, tenantAdminProcedure, tenantProcedure } from "@/server/api/trpc";
import type { TDb } from "@/server/db/client";
import { findKlientiksConnection } from "@/server/domain/klientiks/connections";
import { findRecentSessions } from "@/server/domain/sites/find-recent-sessions";
import { findSources } from "@/server/domain/sites/find-sources";
import {
  createCampaign,
  deleteCampaign,
  findCampaigns,
  updateCampaign,
} from "@/server/domain/sites/manage-campaigns";
import { createSite, deleteSite, findSites, updateSite } from "@/server/domain/sites/manage-sites";
import {
  widgetPatternOf,
  ZCampaignRequestSchema,
  ZCreateSiteRequestSchema,
  ZUpdateSiteRequestSchema,
} from "@/server/domain/sites/schemas";
import { findEmulatorWidgetSlug } from "@/server/integrations/klientiks-emulator/emulator-control";
import { getTrackerRuntime } from "@/server/tracker-runtime";

const ZChannel = z.enum(["direct", "organic", "referral", "social", "email", "paid", "other"]);
const ZSiteView = z.object({
  id: z.string(),
  domain: z.string(),
  name: z.string(),
  publicKey: z.string(),
  widgetUrlPatterns: z.array(z.string()),
  captureContacts: z.boolean(),
  createdAt: z.date(),
});
const ZCampaignView = z.object({
  id: z.string(),
  name: z.string(),
  sourceId: z.string(),
  utmCampaigns: z.array(z.string()),
  isAutoCreated: z.boolean(),
  createdAt: z.date(),
});
const ZSiteId = z.object({ siteId: z.string().max(64) });
const ZCampaignId = z.object({ campaignId: z.string().max(64) });

/** The widget slug of the emulator account the workspace is connected to, when the emulator runs. */
async function findEmulatorSalon(db: TDb, tenantId: string): Promise<string | null> {
  const emulatorUrl = getEnv().KLIENTIKS_EMULATOR_URL;
  const connection = emulatorUrl ? await findKlientiksConnection(db, { tenantId }) : null;
  return emulatorUrl && connection
    ? findEmulatorWidgetSlug(emulatorUrl, connection.externalAccount).catch(() => null)
    : null;
}

/**
 * Settings → Sites. Lists are open to every member (the leads table filters by site, source and
 * campaign); changes are for admins. A changed or deleted site is dropped from this process's
 * tracker cache at once; other processes follow within its TTL.
 */
export const sitesRouter = createTrpcRouter({
  list: tenantProcedure
    .output(
      z.object({
        scriptUrl: z.string(),
        demoSite: z
          .object({ url: z.string(), widgetPattern: z.string(), salon: z.string().nullable() })
          .nullable(),
        sites: z.array(ZSiteView),
      }),
    )
    .query(async ({ ctx }) => {
      const { APP_URL, DEMO_SITE_URL, KLIENTIKS_BASE_URL } = getEnv();
      return {
        scriptUrl: `${APP_URL.replace(/\/+$/, "")}/t.js`,
        // Development only (set by `npm run dev`): a local page carrying the snippet, to try a site
        // without one, the widget address of the Klientiks service this app talks to (the emulator),
        // and the widget of the workspace's own emulator salon the page books through.
        demoSite: DEMO_SITE_URL
          ? {
              url: DEMO_SITE_URL.replace(/\/+$/, ""),
              widgetPattern: widgetPatternOf(KLIENTIKS_BASE_URL),
              salon: await findEmulatorSalon(ctx.db, ctx.tenant.tenantId),
            }
          : null,
        sites: await findSites(ctx.db, { tenantId: ctx.tenant.tenantId }),
      };
    }),

  create: tenantAdminProcedure
    .input(ZCreateSiteRequestSchema)
    .output(ZSiteView)
    .mutation(({ ctx, input }) =>
      createSite(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        request: input,
      }),
    ),

  update: tenantAdminProcedure
    .input(ZSiteId.extend({ changes: ZUpdateSiteRequestSchema }))
    .output(ZSiteView)
    .mutation(async ({ ctx, input }) => {
      const site = await updateSite(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        siteId: input.siteId,
        request: input.changes,
      });
      getTrackerRuntime().sites.invalidate(site.publicKey);
      return site;
    }),

  remove: tenantAdminProcedure
    .input(ZSiteId)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const site = await deleteSite(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        siteId: input.siteId,
      });
      getTrackerRuntime().sites.invalidate(site.publicKey);
      return { id: site.id };
    }),

  recentSessions: tenantProcedure
    .input(ZSiteId)
    .output(
      z.array(
        z.object({
          id: z.string(),
          startedAt: z.date(),
          lastSeenAt: z.date(),
          channel: ZChannel,
          landingUrl: z.string(),
          referrer: z.string().nullable(),
          utmSource: z.string().nullable(),
          utmMedium: z.string().nullable(),
          utmCampaign: z.string().nullable(),
          sourceName: z.string().nullable(),
          sourcePresetKey: z.string().nullable(),
          campaignName: z.string().nullable(),
          pageViews: z.number(),
          widgetOpens: z.number(),
        }),
      ),
    )
    .query(({ ctx, input }) =>
      findRecentSessions(ctx.db, { tenantId: ctx.tenant.tenantId, siteId: input.siteId }),
    ),

  sources: tenantProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          channel: ZChannel,
          utmSources: z.array(z.string()),
          presetKey: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx }) => findSources(ctx.db, { tenantId: ctx.tenant.tenantId })),

  campaigns: tenantProcedure
    .output(z.array(ZCampaignView))
    .query(({ ctx }) => findCampaigns(ctx.db, { tenantId: ctx.tenant.tenantId })),

  createCampaign: tenantAdminProcedure
    .input(ZCampaignRequestSchema)
    .output(ZCampaignView)
    .mutation(({ ctx, input }) =>
      createCampaign(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        request: input,
      }),
    ),

  updateCampaign: tenantAdminProcedure
    .input(ZCampaignId.extend({ changes: ZCampaignRequestSchema }))
    .output(ZCampaignView)
    .mutation(({ ctx, input }) =>
      updateCampaign(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        campaignId: input.campaignId,
        request: input.changes,
      }),
    ),

  removeCampaign: tenantAdminProcedure
    .input(ZCampaignId)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      deleteCampaign(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        campaignId: input.campaignId,
      }),
    ),
});

import { z } from "zod";

import { getEnv } from "@/env";
import { createTrpcRouter, tenantAdminProcedure } from "@/server/api/trpc";
import { requireEmulatorUrl } from "@/server/config/dev-helpers";
import type { TDb } from "@/server/db/client";
import { findDealRecomputeProgress } from "@/server/domain/deals/recompute-deals";
import { findBackfillProgress, startBackfill } from "@/server/domain/inbox/backfill-jobs";
import { assertBackfillSince, DEFAULT_BACKFILL_DAYS } from "@/server/domain/klientiks/backfill";
import {
  findKlientiksConnection,
  saveKlientiksCredentials,
  setKlientiksActive,
  updateKlientiksSettings,
  type TSaveCredentialsRequest,
} from "@/server/domain/klientiks/connections";
import { reconcileKlientiksConnection } from "@/server/domain/klientiks/reconcile";
import {
  ZKlientiksSettingsPatchSchema,
  ZKlientiksSettingsSchema,
} from "@/server/domain/klientiks/settings";
import {
  findDeliveries,
  findSyncHealth,
  replayDelivery,
  requeueCredentialFailures,
} from "@/server/domain/klientiks/sync-health";
import { buildKlientiksWebhookTemplates } from "@/server/domain/klientiks/webhook-templates";
import { findWebhookUrls } from "@/server/domain/webhooks/endpoints";
import {
  findLiveWebhookEndpoints,
  revokeReplacedWebhookEndpoints,
  rotateWebhookEndpoint,
} from "@/server/domain/webhooks/rotate-webhook-endpoint";
import { AppError } from "@/server/errors";
import {
  createEmulatorDemoAccount,
  registerEmulatorWebhooks,
} from "@/server/integrations/klientiks-emulator/emulator-control";
import {
  dispatchBackfill,
  dispatchDealRecompute,
  dispatchDeliveries,
} from "@/server/jobs/dispatch";
import { getKlientiksDeps } from "@/server/klientiks-deps";

/** Trimmed, non-empty, letters and digits only (klientiks-contract §1: lengths only warn). */
const ZCredentialPart = z
  .string()
  .trim()
  .min(1, "required")
  .max(64, "tooLong")
  .regex(/^[0-9A-Za-z]+$/, "credentialChars");

const ZConnectionView = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  tokenHint: z.string(),
  status: z.enum(["inactive", "active", "needs_attention"]),
  settings: ZKlientiksSettingsSchema,
  lastSyncAt: z.date().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.date().nullable(),
  createdAt: z.date(),
});
const ZWebhookPurpose = z.enum(["deals", "widget", "telephony"]);
const ZKlientiksPurpose = z.enum(["deals", "widget"]);
const ZDeliveryStatus = z.enum(["pending", "processing", "processed", "failed", "rejected"]);

async function requireConnectionId(
  tenantId: string,
  db: Parameters<typeof findKlientiksConnection>[0],
) {
  const connection = await findKlientiksConnection(db, { tenantId });
  if (!connection) throw new AppError("PRECONDITION_FAILED");
  return connection.id;
}

type TTenantContext = { db: TDb; tenant: { tenantId: string }; user: { id: string } };

/** Checks and stores the credentials; fixed credentials drain the backlog that failed on the old ones (R19). */
async function saveCredentialsAndDrain(ctx: TTenantContext, request: TSaveCredentialsRequest) {
  const saved = await saveKlientiksCredentials(ctx.db, getKlientiksDeps(), {
    tenantId: ctx.tenant.tenantId,
    actorUserId: ctx.user.id,
    request,
  });
  if (saved.wasNeedingAttention)
    await dispatchDeliveries(
      await requeueCredentialFailures(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId: saved.connectionId,
      }),
    );
  return saved.connectionId;
}

/** Settings → Integrations → Klientiks. Admin-only: it shows webhook addresses (reliability R4). */
export const klientiksRouter = createTrpcRouter({
  connection: tenantAdminProcedure.output(ZConnectionView.nullable()).query(async ({ ctx }) => {
    const connection = await findKlientiksConnection(ctx.db, { tenantId: ctx.tenant.tenantId });
    return (
      connection && {
        ...connection,
        accountId: connection.externalAccount,
        tokenHint: connection.credentialsHint,
      }
    );
  }),

  saveCredentials: tenantAdminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "required").max(80, "tooLong"),
        accountId: ZCredentialPart,
        userId: ZCredentialPart.optional().or(z.literal("")),
        accessToken: ZCredentialPart.optional().or(z.literal("")),
      }),
    )
    .output(z.object({ connectionId: z.string() }))
    .mutation(async ({ ctx, input }) => ({
      connectionId: await saveCredentialsAndDrain(ctx, input),
    })),

  setActive: tenantAdminProcedure
    .input(z.object({ isActive: z.boolean() }))
    .output(z.object({ status: z.enum(["inactive", "active"]), backfillStarted: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await setKlientiksActive(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        isActive: input.isActive,
      });
      // First activation imports the last 30 days, so the table is not empty until the next visit.
      const shouldBackfill =
        input.isActive &&
        result.wasInactive &&
        !(await findBackfillProgress(ctx.db, {
          tenantId: ctx.tenant.tenantId,
          connectionId: result.connectionId,
        }));
      if (shouldBackfill) {
        const job = await startBackfill(ctx.db, {
          tenantId: ctx.tenant.tenantId,
          connectionId: result.connectionId,
          since: new Date(Date.now() - DEFAULT_BACKFILL_DAYS * 86_400_000),
        });
        await dispatchBackfill({ tenantId: ctx.tenant.tenantId, jobId: job.id });
      }
      return { status: result.status, backfillStarted: shouldBackfill };
    }),

  updateSettings: tenantAdminProcedure
    .input(ZKlientiksSettingsPatchSchema)
    .output(ZKlientiksSettingsSchema)
    .mutation(async ({ ctx, input }) => {
      const { settings, recompute } = await updateKlientiksSettings(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        keyring: getKlientiksDeps().keyring,
        changes: input,
      });
      if (recompute)
        await dispatchDealRecompute({ tenantId: recompute.tenantId, jobId: recompute.id });
      return settings;
    }),

  /** The latest recompute of the stored deals after a settings change (issue 8: «Учитывать абонемент» and the responsible apply to all deals). */
  dealRecomputeProgress: tenantAdminProcedure
    .output(
      z
        .object({
          id: z.string(),
          status: z.enum(["running", "completed", "failed"]),
          total: z.number(),
          done: z.number(),
          error: z.string().nullable(),
          startedAt: z.date(),
          finishedAt: z.date().nullable(),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const connection = await findKlientiksConnection(ctx.db, { tenantId: ctx.tenant.tenantId });
      return connection
        ? findDealRecomputeProgress(ctx.db, {
            tenantId: ctx.tenant.tenantId,
            connectionId: connection.id,
          })
        : null;
    }),

  webhookSetup: tenantAdminProcedure
    .output(
      z.array(
        z.object({
          purpose: ZKlientiksPurpose,
          url: z.string(),
          lastReceivedAt: z.date().nullable(),
          templates: z.array(z.object({ event: z.string(), address: z.string() })),
          replaced: z.array(
            z.object({
              endpointId: z.string(),
              tokenEnding: z.string(),
              retiresAt: z.date(),
              lastReceivedAt: z.date().nullable(),
            }),
          ),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const connection = await findKlientiksConnection(ctx.db, { tenantId: ctx.tenant.tenantId });
      if (!connection) return [];
      const live = await findLiveWebhookEndpoints(ctx.db, getKlientiksDeps().keyring, {
        tenantId: ctx.tenant.tenantId,
        connectionId: connection.id,
        appUrl: getEnv().APP_URL,
        now: new Date(),
      });
      return live.flatMap(({ purpose, url, lastReceivedAt, retiresAt }) =>
        retiresAt !== null || purpose === "telephony"
          ? []
          : [
              {
                purpose,
                url,
                lastReceivedAt,
                templates: buildKlientiksWebhookTemplates(url, purpose),
                // Replaced addresses go out by their last four characters only.
                replaced: live.flatMap((endpoint) =>
                  endpoint.purpose === purpose && endpoint.retiresAt
                    ? [
                        {
                          endpointId: endpoint.endpointId,
                          tokenEnding: endpoint.tokenEnding,
                          retiresAt: endpoint.retiresAt,
                          lastReceivedAt: endpoint.lastReceivedAt,
                        },
                      ]
                    : [],
                ),
              },
            ],
      );
    }),

  /** A new secret address for one integration; the old one keeps working for 72 h (reliability R4). */
  rotateWebhookUrl: tenantAdminProcedure
    .input(z.object({ purpose: ZWebhookPurpose }))
    .output(z.object({ previousRetiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const connectionId = await requireConnectionId(ctx.tenant.tenantId, ctx.db);
      const rotated = await rotateWebhookEndpoint(ctx.db, getKlientiksDeps().keyring, {
        tenantId: ctx.tenant.tenantId,
        connectionId,
        purpose: input.purpose,
        actorUserId: ctx.user.id,
        now: new Date(),
      });
      return { previousRetiresAt: rotated.previousRetiresAt };
    }),

  /** Stops the replaced addresses of one integration now instead of at the end of the overlap. */
  revokeReplacedWebhookUrls: tenantAdminProcedure
    .input(z.object({ purpose: ZWebhookPurpose }))
    .output(z.object({ revoked: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const connectionId = await requireConnectionId(ctx.tenant.tenantId, ctx.db);
      return revokeReplacedWebhookEndpoints(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId,
        purpose: input.purpose,
        actorUserId: ctx.user.id,
        now: new Date(),
      });
    }),

  syncHealth: tenantAdminProcedure
    .output(
      z
        .object({
          connectionStatus: z.enum(["inactive", "active", "needs_attention"]),
          activatedAt: z.date().nullable(),
          lastWebhook: z
            .object({
              id: z.string(),
              receivedAt: z.date(),
              status: ZDeliveryStatus,
              appointmentId: z.string().nullable(),
              statusHint: z.string().nullable(),
              errorCode: z.string().nullable(),
            })
            .nullable(),
          lastSyncAt: z.date().nullable(),
          lastReconcileAt: z.date().nullable(),
          lastError: z.string().nullable(),
          lastErrorAt: z.date().nullable(),
          retrying: z
            .object({
              count: z.number(),
              since: z.date().nullable(),
              lastErrorCode: z.string().nullable(),
            })
            .nullable(),
          recentErrors: z.array(
            z.object({
              id: z.string(),
              at: z.date(),
              deliveryId: z.string(),
              appointmentId: z.string().nullable(),
              attempt: z.number(),
              errorCode: z.string(),
              willRetry: z.boolean(),
            }),
          ),
          last24h: z.object({
            processed: z.number(),
            failed: z.number(),
            rejected: z.number(),
            pending: z.number(),
          }),
        })
        .nullable(),
    )
    .query(({ ctx }) => findSyncHealth(ctx.db, { tenantId: ctx.tenant.tenantId })),

  deliveries: tenantAdminProcedure
    .input(
      z.object({
        status: ZDeliveryStatus.optional(),
        page: z.number().int().min(1).default(1),
        perPage: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(
      z.object({
        data: z.array(
          z.object({
            id: z.string(),
            receivedAt: z.date(),
            source: z.enum(["webhook", "reconcile", "backfill", "replay"]),
            purpose: ZWebhookPurpose,
            method: z.string(),
            appointmentId: z.string().nullable(),
            statusHint: z.string().nullable(),
            status: ZDeliveryStatus,
            attempts: z.number(),
            errorCode: z.string().nullable(),
            error: z.string().nullable(),
            processedAt: z.date().nullable(),
            dealId: z.string().nullable(),
          }),
        ),
        count: z.number(),
        currentPage: z.number(),
        perPage: z.number(),
        totalPages: z.number(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const connection = await findKlientiksConnection(ctx.db, { tenantId: ctx.tenant.tenantId });
      return findDeliveries(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId: connection?.id ?? null,
        ...input,
      });
    }),

  replayDelivery: tenantAdminProcedure
    .input(z.object({ deliveryId: z.string().max(64) }))
    .output(z.object({ deliveryId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const connectionId = await requireConnectionId(ctx.tenant.tenantId, ctx.db);
      const delivery = await replayDelivery(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId,
        deliveryId: input.deliveryId,
        actorUserId: ctx.user.id,
      });
      await dispatchDeliveries([delivery]);
      return { deliveryId: delivery.id };
    }),

  /** Reconciliation now, instead of waiting for the 15-minute cycle (e.g. after a suspected miss). */
  reconcileNow: tenantAdminProcedure
    .output(z.object({ listed: z.number(), enqueued: z.number() }))
    .mutation(async ({ ctx }) => {
      const connectionId = await requireConnectionId(ctx.tenant.tenantId, ctx.db);
      const result = await reconcileKlientiksConnection(ctx.db, getKlientiksDeps(), {
        tenantId: ctx.tenant.tenantId,
        connectionId,
      }).catch((error: unknown) => {
        throw new AppError("KLIENTIKS_UNAVAILABLE", { cause: error });
      });
      await dispatchDeliveries(result.enqueued);
      return { listed: result.listed, enqueued: result.enqueued.length };
    }),

  startBackfill: tenantAdminProcedure
    .input(z.object({ since: z.date() }))
    .output(z.object({ jobId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      assertBackfillSince(input.since);
      const connectionId = await requireConnectionId(ctx.tenant.tenantId, ctx.db);
      const job = await startBackfill(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId,
        since: input.since,
      });
      await dispatchBackfill({ tenantId: ctx.tenant.tenantId, jobId: job.id });
      return { jobId: job.id };
    }),

  backfillProgress: tenantAdminProcedure
    .output(
      z
        .object({
          id: z.string(),
          since: z.date(),
          status: z.enum(["running", "completed", "failed"]),
          listed: z.number(),
          queued: z.number(),
          done: z.number(),
          failed: z.number(),
          enumeratedAt: z.date().nullable(),
          error: z.string().nullable(),
          startedAt: z.date(),
          finishedAt: z.date().nullable(),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const connection = await findKlientiksConnection(ctx.db, { tenantId: ctx.tenant.tenantId });
      return connection
        ? findBackfillProgress(ctx.db, {
            tenantId: ctx.tenant.tenantId,
            connectionId: connection.id,
          })
        : null;
    }),

  /** Development only: whether the wizard offers the emulator helpers below. */
  emulatorHelpers: tenantAdminProcedure
    .output(z.object({ isAvailable: z.boolean() }))
    .query(() => ({ isAvailable: Boolean(getEnv().KLIENTIKS_EMULATOR_URL) })),

  /**
   * Development only: connects the workspace to a demo salon account of its own in the emulator. The
   * credentials stay on the server; the answer carries the token's last four characters, as everywhere.
   */
  connectEmulatorDemoAccount: tenantAdminProcedure
    .input(z.object({ name: z.string().trim().min(1, "required").max(80, "tooLong") }))
    .output(z.object({ connectionId: z.string(), accountId: z.string(), tokenHint: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const account = await createEmulatorDemoAccount(requireEmulatorUrl("KLIENTIKS_EMULATOR_URL"));
      const connectionId = await saveCredentialsAndDrain(ctx, { name: input.name, ...account });
      return {
        connectionId,
        accountId: account.accountId,
        tokenHint: account.accessToken.slice(-4),
      };
    }),

  /** Development only: registers our webhook templates (deals, and the widget's once leads are on) in the emulator's demo account. */
  registerEmulatorWebhooks: tenantAdminProcedure
    .output(z.object({ registered: z.number() }))
    .mutation(async ({ ctx }) => {
      const emulatorUrl = requireEmulatorUrl("KLIENTIKS_EMULATOR_URL");
      const connection = await findKlientiksConnection(ctx.db, { tenantId: ctx.tenant.tenantId });
      if (!connection) throw new AppError("PRECONDITION_FAILED");
      const urls = await findWebhookUrls(ctx.db, getKlientiksDeps().keyring, {
        tenantId: ctx.tenant.tenantId,
        connectionId: connection.id,
        appUrl: getEnv().APP_URL,
      });
      if (urls.length === 0) throw new AppError("PRECONDITION_FAILED");
      let registered = 0;
      for (const { purpose, url } of urls) {
        if (purpose === "telephony") continue;
        registered += (
          await registerEmulatorWebhooks(
            emulatorUrl,
            connection.externalAccount,
            url,
            buildKlientiksWebhookTemplates(url, purpose),
          )
        ).registered;
      }
      return { registered };
    }),
});

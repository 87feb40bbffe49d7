import { z } from "zod";

import { getEnv } from "@/env";
import {
  connectAndReadExtensions,
  connectMangoAndReadUsers,
  type TTenantContext,
} from "@/server/api/routers/telephony-connect";
import { telephonyEmulatorProcedures } from "@/server/api/routers/telephony-emulator";
import { createTrpcRouter, tenantAdminProcedure, tenantProcedure } from "@/server/api/trpc";
import { findBackfillProgress } from "@/server/domain/inbox/backfill-jobs";
import { findDeliveries, replayDelivery } from "@/server/domain/klientiks/sync-health";
import {
  disconnectTelephony,
  findTelephonyConnection,
  revokePreviousTelephonySecret,
  rotateTelephonySecret,
  TELEPHONY_CONNECTION_ORDER,
  telephonyConnectionWhere,
  updateTelephonySettings,
} from "@/server/domain/telephony/connections";
import { toDialablePhone } from "@/server/domain/telephony/dialable-phone";
import {
  findMemberExtension,
  listTelephonyExtensions,
  mapTelephonyExtension,
  refreshExtensionsOfTenant,
} from "@/server/domain/telephony/extensions";
import { findCallbackRequest, placeCallback } from "@/server/domain/telephony/place-callback";
import { ZTelephonySettingsPatch } from "@/server/domain/telephony/settings";
import { findTelephonySyncHealth } from "@/server/domain/telephony/sync-health";
import { findTelephonyWebhook } from "@/server/domain/telephony/webhook";
import { AppError } from "@/server/errors";
import { dispatchDeliveries, dispatchTelephonyImport } from "@/server/jobs/dispatch";
import { getTelephonyDeps } from "@/server/telephony-deps";

/** Zadarma keys and secrets are hex; letters, digits, `-` and `_` leave room for other formats. */
const ZCredentialPart = z
  .string()
  .trim()
  .min(1, "required")
  .max(64, "tooLong")
  .regex(/^[0-9A-Za-z_-]+$/, "credentialChars");
const ZStatus = z.enum(["inactive", "active", "needs_attention"]);
const ZDeliveryStatus = z.enum(["pending", "processing", "processed", "failed", "rejected"]);
const ZSettings = z.object({
  popup: z.enum(["rung_extension", "all_agents"]),
  timeZone: z.string().nullable(),
  recordingRetentionDays: z.number().nullable(),
  callerName: z.boolean(),
});
const ZCallbackView = z.object({
  id: z.string(),
  status: z.enum(["requested", "ringing_agent", "calling_client", "connected", "ended", "failed"]),
  failureCode: z.string().nullable(),
  toPhone: z.string(),
  extension: z.string(),
  callId: z.string().nullable(),
  requestedAt: z.date(),
  updatedAt: z.date(),
  disposition: z.enum(["answered", "no_answer", "busy", "cancelled", "failed"]).nullable(),
});

/** The workspace's telephony connection (Zadarma or Mango), switched on or not, or null. */
async function findConnectionId(ctx: Pick<TTenantContext, "db" | "tenant">) {
  const connection = await ctx.db.connection.findFirst({
    where: telephonyConnectionWhere(ctx.tenant.tenantId),
    orderBy: TELEPHONY_CONNECTION_ORDER,
    select: { id: true },
  });
  return connection?.id ?? null;
}

async function requireConnectionId(ctx: Pick<TTenantContext, "db" | "tenant">) {
  const connectionId = await findConnectionId(ctx);
  if (!connectionId) throw new AppError("TELEPHONY_NOT_CONNECTED");
  return connectionId;
}

/** Settings → Telephony (admins), and click-to-call (every member, for themselves only). */
export const telephonyRouter = createTrpcRouter({
  connection: tenantAdminProcedure
    .output(
      z
        .object({
          id: z.string(),
          provider: z.enum(["zadarma", "mango"]),
          status: ZStatus,
          account: z.string(),
          credentialsHint: z.string(),
          rotationOverlapUntil: z.date().nullable(),
          settings: ZSettings,
          activatedAt: z.date().nullable(),
          lastError: z.string().nullable(),
          lastErrorAt: z.date().nullable(),
          createdAt: z.date(),
          webhook: z
            .object({
              url: z.string(),
              confirmedAt: z.date().nullable(),
              lastEvent: z
                .object({
                  receivedAt: z.date(),
                  eventType: z.string().nullable(),
                  status: ZDeliveryStatus,
                })
                .nullable(),
            })
            .nullable(),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const { keyring } = getTelephonyDeps();
      const connection = await findTelephonyConnection(ctx.db, keyring, {
        tenantId: ctx.tenant.tenantId,
      });
      if (!connection) return null;
      const webhook = await findTelephonyWebhook(ctx.db, keyring, {
        tenantId: ctx.tenant.tenantId,
        connectionId: connection.id,
        appUrl: getEnv().APP_URL,
      });
      return { ...connection, webhook };
    }),

  connect: tenantAdminProcedure
    .input(z.object({ key: ZCredentialPart, secret: ZCredentialPart }))
    .output(z.object({ connectionId: z.string(), extensions: z.number().nullable() }))
    .mutation(({ ctx, input }) => connectAndReadExtensions(ctx, input)),

  /**
   * Mango Office chosen (docs/telephony-mango.md §6): the API key and salt checked live with
   * `config/users/request`, stored encrypted, its users stored for the member mapping.
   */
  connectMango: tenantAdminProcedure
    .input(z.object({ apiKey: ZCredentialPart, salt: ZCredentialPart }))
    .output(z.object({ connectionId: z.string(), extensions: z.number().nullable() }))
    .mutation(({ ctx, input }) => connectMangoAndReadUsers(ctx, input)),

  /**
   * The owner generated a new secret in Zadarma: the old one keeps verifying notifications for 72 h
   * (R3). After Zadarma refused the old credentials, it also starts the catch-up import (R19).
   */
  rotateSecret: tenantAdminProcedure
    .input(z.object({ secret: ZCredentialPart }))
    .output(z.object({ rotationOverlapUntil: z.date().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const tenantId = ctx.tenant.tenantId;
      const rotated = await rotateTelephonySecret(ctx.db, getTelephonyDeps(), {
        tenantId,
        actorUserId: ctx.user.id,
        secret: input.secret,
      });
      if (rotated.catchUpImport)
        await dispatchTelephonyImport({ tenantId, jobId: rotated.catchUpImport.id });
      return { rotationOverlapUntil: rotated.rotationOverlapUntil };
    }),

  /** «Отозвать прежний секрет сейчас» (R3): only the current secret verifies from now on. */
  revokePreviousSecret: tenantAdminProcedure
    .output(z.object({ rotationOverlapUntil: z.null() }))
    .mutation(async ({ ctx }) => {
      await revokePreviousTelephonySecret(ctx.db, getTelephonyDeps(), {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
      });
      return { rotationOverlapUntil: null };
    }),

  updateSettings: tenantAdminProcedure
    .input(ZTelephonySettingsPatch)
    .output(ZSettings)
    .mutation(({ ctx, input }) =>
      updateTelephonySettings(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        changes: input,
      }),
    ),

  disconnect: tenantAdminProcedure
    .output(z.object({ status: z.literal("inactive") }))
    .mutation(async ({ ctx }) => {
      await disconnectTelephony(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
      });
      return { status: "inactive" as const };
    }),

  extensions: tenantAdminProcedure
    .output(
      z.array(
        z.object({
          extension: z.string(),
          name: z.string().nullable(),
          isOnline: z.boolean().nullable(),
          refreshedAt: z.date().nullable(),
          member: z
            .object({ membershipId: z.string(), name: z.string(), email: z.string() })
            .nullable(),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const connectionId = await findConnectionId(ctx);
      return connectionId
        ? listTelephonyExtensions(ctx.db, { tenantId: ctx.tenant.tenantId, connectionId })
        : [];
    }),

  refreshExtensions: tenantAdminProcedure
    .output(z.object({ count: z.number() }))
    .mutation(({ ctx }) =>
      refreshExtensionsOfTenant(ctx.db, getTelephonyDeps(), { tenantId: ctx.tenant.tenantId }),
    ),

  mapExtension: tenantAdminProcedure
    .input(
      z.object({
        extension: z.string().trim().min(1, "required").max(16, "tooLong"),
        membershipId: z.string().max(64).nullable(),
      }),
    )
    .output(z.object({ extension: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const connectionId = await requireConnectionId(ctx);
      await mapTelephonyExtension(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId,
        extension: input.extension,
        membershipId: input.membershipId,
        actorUserId: ctx.user.id,
      });
      return { extension: input.extension };
    }),

  /** The connection's latest statistics import (the 7-day backfill, a reconciliation), for the sync panel. */
  importProgress: tenantAdminProcedure
    .output(
      z
        .object({
          status: z.enum(["running", "completed", "failed"]),
          since: z.date(),
          listed: z.number(),
          queued: z.number(),
          done: z.number(),
          failed: z.number(),
          enumeratedAt: z.date().nullable(),
          error: z.string().nullable(),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const connectionId = await findConnectionId(ctx);
      return connectionId
        ? findBackfillProgress(ctx.db, { tenantId: ctx.tenant.tenantId, connectionId })
        : null;
    }),

  syncHealth: tenantAdminProcedure
    .output(
      z
        .object({
          connectionStatus: ZStatus,
          eventsToday: z.number(),
          lastError: z.string().nullable(),
          lastErrorAt: z.date().nullable(),
          last24h: z.object({
            processed: z.number(),
            failed: z.number(),
            rejected: z.number(),
            pending: z.number(),
          }),
          retrying: z
            .object({
              count: z.number(),
              since: z.date().nullable(),
              lastErrorCode: z.string().nullable(),
            })
            .nullable(),
          rejections: z.array(
            z.object({
              id: z.string(),
              receivedAt: z.date(),
              eventType: z.string().nullable(),
              errorCode: z.string().nullable(),
            }),
          ),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const connectionId = await findConnectionId(ctx);
      return connectionId
        ? findTelephonySyncHealth(ctx.db, { tenantId: ctx.tenant.tenantId, connectionId })
        : null;
    }),

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
            eventType: z.string().nullable(),
            providerCallId: z.string().nullable(),
            status: ZDeliveryStatus,
            attempts: z.number(),
            errorCode: z.string().nullable(),
            processedAt: z.date().nullable(),
          }),
        ),
        count: z.number(),
        currentPage: z.number(),
        perPage: z.number(),
        totalPages: z.number(),
      }),
    )
    .query(async ({ ctx, input }) =>
      findDeliveries(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId: await findConnectionId(ctx),
        ...input,
      }),
    ),

  /** A failed notification goes through processing again, by the inbox's own driver (R12). */
  replayDelivery: tenantAdminProcedure
    .input(z.object({ deliveryId: z.string().max(64) }))
    .output(z.object({ deliveryId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const connectionId = await requireConnectionId(ctx);
      const delivery = await replayDelivery(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId,
        deliveryId: input.deliveryId,
        actorUserId: ctx.user.id,
      });
      await dispatchDeliveries([delivery]);
      return { deliveryId: delivery.id };
    }),

  ...telephonyEmulatorProcedures,

  /** Whether this member's call buttons work: telephony on, and an extension of theirs. */
  callSetup: tenantProcedure
    .output(z.object({ isConnected: z.boolean(), extension: z.string().nullable() }))
    .query(async ({ ctx }) => {
      const connection = await ctx.db.connection.findFirst({
        where: { ...telephonyConnectionWhere(ctx.tenant.tenantId), status: { not: "inactive" } },
        select: { id: true },
      });
      if (!connection) return { isConnected: false, extension: null };
      return {
        isConnected: true,
        extension: await findMemberExtension(ctx.db, {
          tenantId: ctx.tenant.tenantId,
          connectionId: connection.id,
          membershipId: ctx.tenant.membershipId,
        }),
      };
    }),

  /** One click on a call button; the key is the click's own, so a repeat places no second call (R21). */
  placeCall: tenantProcedure
    .input(
      z.object({
        phone: z
          .string()
          .trim()
          .min(1, "required")
          .max(40, "tooLong")
          .refine((phone) => toDialablePhone(phone) !== null, "phoneInvalid"),
        idempotencyKey: z.uuid(),
        clientId: z.string().max(64).nullable().optional(),
      }),
    )
    .output(ZCallbackView)
    .mutation(({ ctx, input }) =>
      placeCallback(ctx.db, getTelephonyDeps(), {
        tenantId: ctx.tenant.tenantId,
        membershipId: ctx.tenant.membershipId,
        request: input,
      }),
    ),

  callbackStatus: tenantProcedure
    .input(z.object({ id: z.string().max(64) }))
    .output(ZCallbackView)
    .query(async ({ ctx, input }) => {
      const request = await findCallbackRequest(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        membershipId: ctx.tenant.membershipId,
        id: input.id,
      });
      if (!request) throw new AppError("NOT_FOUND");
      return request;
    }),
});

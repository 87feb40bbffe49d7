import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TKeyring } from "@/server/crypto/envelope";
import type { TDb } from "@/server/db/client";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { doSettingsChangeDeals } from "@/server/domain/deals/recompute-deal";
import {
  didLastDealRecomputeFail,
  startDealRecompute,
} from "@/server/domain/deals/recompute-deals";
import {
  createKlientiksApi,
  decryptKlientiksCredentials,
  encryptKlientiksCredentials,
} from "@/server/domain/klientiks/credentials";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import {
  applyKlientiksSettingsPatch,
  parseKlientiksSettings,
  type TKlientiksSettings,
  type TKlientiksSettingsPatch,
} from "@/server/domain/klientiks/settings";
import { ensureWebhookEndpoint } from "@/server/domain/webhooks/endpoints";
import { AppError } from "@/server/errors";
import { KlientiksError, type TKlientiksCredentials } from "@/server/integrations/klientiks";

export type TSaveCredentialsRequest = {
  name: string;
  accountId: string;
  userId?: string;
  accessToken?: string;
};

/** What the settings page may see: never the token, only its last four characters (R17). */
export async function findKlientiksConnection(db: TDb, { tenantId }: { tenantId: string }) {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: {
      id: true,
      name: true,
      externalAccount: true,
      credentialsHint: true,
      status: true,
      settings: true,
      lastSyncAt: true,
      lastError: true,
      lastErrorAt: true,
      createdAt: true,
    },
  });
  return connection && { ...connection, settings: parseKlientiksSettings(connection.settings) };
}

/** Turns a failed live check into the user-facing reason (wrong credentials vs. no API on the tariff). */
function toCheckError(error: unknown): AppError {
  if (!(error instanceof KlientiksError)) return new AppError("INTERNAL", { cause: error });
  if (error.kind === "invalid_credentials") return new AppError("KLIENTIKS_AUTH_FAILED");
  if (error.kind === "api_disabled") return new AppError("KLIENTIKS_API_DISABLED");
  if (error.kind === "rate_limited")
    return new AppError("KLIENTIKS_RATE_LIMITED", {
      retryAfterSeconds: Math.ceil((error.retryAfterMs ?? 2000) / 1000),
    });
  return new AppError("KLIENTIKS_UNAVAILABLE", { message: error.message });
}

/**
 * Checks the credentials live against Klientiks and stores them encrypted. On an existing
 * connection an empty user id or token keeps the stored one, since the form never shows them.
 * A connection that needed attention becomes usable again.
 */
export async function saveKlientiksCredentials(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; actorUserId: string; request: TSaveCredentialsRequest },
) {
  const { tenantId, actorUserId, request } = options;
  const existing = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: { id: true, tenantId: true, credentials: true, status: true, settings: true },
  });
  const stored = existing ? decryptKlientiksCredentials(deps.keyring, existing) : undefined;
  const accessToken = request.accessToken || stored?.accessToken;
  const userId = request.userId || stored?.userId;
  if (!accessToken || !userId)
    throw new AppError("VALIDATION", {
      message: "userId and accessToken are required for a new connection",
    });
  const credentials: TKlientiksCredentials = { accountId: request.accountId, userId, accessToken };
  const settings = parseKlientiksSettings(existing?.settings);

  await createKlientiksApi(deps, settings.accountTimezone)
    .checkAccess(credentials)
    .catch((error: unknown) => {
      throw toCheckError(error);
    });

  const connectionId = existing?.id ?? createId("con");
  const data = {
    name: request.name,
    credentials: encryptKlientiksCredentials(deps.keyring, { tenantId, connectionId }, credentials),
    credentialsHint: accessToken.slice(-4),
    externalAccount: request.accountId,
  };
  await db.$transaction(async (tx) => {
    if (existing) {
      await tx.connection.update({
        where: { id: existing.id },
        data: {
          ...data,
          status: existing.status === "needs_attention" ? "active" : existing.status,
          lastError: null,
        },
      });
    } else {
      await tx.connection.create({
        data: {
          id: connectionId,
          tenantId,
          kind: "klientiks",
          ...data,
          settings: settings as Prisma.InputJsonObject,
        },
      });
    }
    await ensureWebhookEndpoint(tx, deps.keyring, { tenantId, connectionId, purpose: "deals" });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: existing ? "klientiks.credentials_updated" : "klientiks.connected",
      targetType: "connection",
      targetId: connectionId,
    });
  });
  return { connectionId, wasNeedingAttention: existing?.status === "needs_attention" };
}

async function requireConnection(db: TDb, tenantId: string) {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: { id: true, status: true, settings: true },
  });
  if (!connection) throw new AppError("PRECONDITION_FAILED");
  return connection;
}

export async function setKlientiksActive(
  db: TDb,
  options: { tenantId: string; actorUserId: string; isActive: boolean },
) {
  const connection = await requireConnection(db, options.tenantId);
  const status = options.isActive ? ("active" as const) : ("inactive" as const);
  // Switching on again counts the wait for a first webhook anew; staying on keeps the moment.
  const activatedAt = !options.isActive
    ? null
    : connection.status === "inactive"
      ? new Date()
      : undefined;
  await db.connection.update({ where: { id: connection.id }, data: { status, activatedAt } });
  await recordAudit(db, {
    tenantId: options.tenantId,
    actorUserId: options.actorUserId,
    action: options.isActive ? "klientiks.activated" : "klientiks.deactivated",
    targetType: "connection",
    targetId: connection.id,
  });
  return { connectionId: connection.id, status, wasInactive: connection.status === "inactive" };
}

/** The defaults of «Тип трафика» must be this workspace's own rows; another's id is "not found" (R14). */
async function assertLeadDefaultsExist(
  db: TDb,
  tenantId: string,
  leads: TKlientiksSettings["leads"],
) {
  const [site, source, campaign] = await Promise.all([
    leads.defaultSiteId
      ? db.site.findFirst({ where: { id: leads.defaultSiteId, tenantId }, select: { id: true } })
      : true,
    leads.defaultSourceId
      ? db.source.findFirst({
          where: { id: leads.defaultSourceId, tenantId },
          select: { id: true },
        })
      : true,
    leads.defaultCampaignId
      ? db.adCampaign.findFirst({
          where: { id: leads.defaultCampaignId, tenantId },
          select: { id: true },
        })
      : true,
  ]);
  if (!site || !source || !campaign) throw new AppError("NOT_FOUND");
}

/**
 * Saves the sections a wizard step changed. Turning leads on gives the connection its widget
 * webhook URL (one URL per integration, klientiks-contract §12.5), which `klientiks.webhookSetup`
 * then lists. A change that alters stored deals (responsible, subscription rule) starts their
 * recompute from stored data, and so does saving the deals step after a recompute failed; the
 * caller hands the job to the driver.
 */
export async function updateKlientiksSettings(
  db: TDb,
  options: {
    tenantId: string;
    actorUserId: string;
    keyring: TKeyring;
    changes: TKlientiksSettingsPatch;
  },
) {
  const connection = await requireConnection(db, options.tenantId);
  const previous = parseKlientiksSettings(connection.settings);
  const settings = applyKlientiksSettingsPatch(previous, options.changes);
  // Only a saved widget step is checked: a default deleted since must not block the deals step.
  if (options.changes.leads) await assertLeadDefaultsExist(db, options.tenantId, settings.leads);
  await db.$transaction(async (tx) => {
    await tx.connection.update({
      where: { id: connection.id },
      data: { settings: settings as Prisma.InputJsonObject },
    });
    if (settings.leads.isEnabled)
      await ensureWebhookEndpoint(tx, options.keyring, {
        tenantId: options.tenantId,
        connectionId: connection.id,
        purpose: "widget",
      });
  });
  await recordAudit(db, {
    tenantId: options.tenantId,
    actorUserId: options.actorUserId,
    action: "klientiks.settings_updated",
    targetType: "connection",
    targetId: connection.id,
    data: settings as Prisma.InputJsonObject,
  });
  const ids = { tenantId: options.tenantId, connectionId: connection.id };
  const needsRecompute =
    doSettingsChangeDeals(previous, settings) ||
    (options.changes.deals !== undefined && (await didLastDealRecomputeFail(db, ids)));
  const recompute = needsRecompute ? await startDealRecompute(db, ids) : null;
  return { settings, recompute };
}

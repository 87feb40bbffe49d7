import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TKeyring } from "@/server/crypto/envelope";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { requireWorkingCredentials } from "@/server/domain/telephony/check-credentials";
import {
  credentialsHintOf,
  decryptZadarmaCredentials,
  dropPreviousSecret,
  encryptZadarmaCredentials,
  rotateZadarmaSecret,
  toApiCredentials,
  verificationSecrets,
  type TStoredZadarmaCredentials,
} from "@/server/domain/telephony/credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { TELEPHONY_KINDS, type TTelephonyKind } from "@/server/domain/telephony/kinds";
import {
  parseTelephonySettings,
  ZTelephonySettingsPatch,
  type TTelephonySettingsPatch,
} from "@/server/domain/telephony/settings";
import { startCatchUpImport } from "@/server/domain/telephony/statistics-sync";
import { ensureWebhookEndpoint } from "@/server/domain/webhooks/endpoints";
import { AppError } from "@/server/errors";
import type { TZadarmaCredentials } from "@/server/integrations/zadarma";

const CONNECTION_NAME = "Zadarma";

/** The row's columns domain code signs with; never returned to a procedure as they are. */
const SECRET_BEARING = {
  id: true,
  tenantId: true,
  credentials: true,
  status: true,
  settings: true,
} as const;

/** Every provider's telephony connection of a workspace (at most one is switched on at a time). */
export const telephonyConnectionWhere = (tenantId: string) => ({
  tenantId,
  kind: { in: TELEPHONY_KINDS },
});

/** The switched-on one first, then the latest. */
export const TELEPHONY_CONNECTION_ORDER = [
  { activatedAt: { sort: "desc" as const, nulls: "last" as const } },
  { updatedAt: "desc" as const },
];

/** The tenant's Zadarma connection with its credentials, for code that calls the provider. */
export async function findZadarmaConnectionWithCredentials(
  db: TDbClient,
  keyring: TKeyring,
  { tenantId }: { tenantId: string },
) {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "zadarma" },
    select: SECRET_BEARING,
  });
  return connection && { ...connection, stored: decryptZadarmaCredentials(keyring, connection) };
}

/** Like the above, but the connection must exist and be switched on. */
export async function requireActiveZadarmaConnection(
  db: TDbClient,
  keyring: TKeyring,
  scope: { tenantId: string },
) {
  const connection = await findZadarmaConnectionWithCredentials(db, keyring, scope);
  if (!connection || connection.status === "inactive")
    throw new AppError("TELEPHONY_NOT_CONNECTED");
  return connection;
}

/**
 * What the settings page may see: the key (low sensitivity, it names the account), the secret's
 * last four characters, and until when a replaced secret still verifies; never a secret (R17, R25).
 */
export async function findTelephonyConnection(
  db: TDbClient,
  keyring: TKeyring,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
) {
  const connection = await db.connection.findFirst({
    where: telephonyConnectionWhere(tenantId),
    orderBy: TELEPHONY_CONNECTION_ORDER,
    select: {
      ...SECRET_BEARING,
      kind: true,
      externalAccount: true,
      credentialsHint: true,
      activatedAt: true,
      lastError: true,
      lastErrorAt: true,
      createdAt: true,
    },
  });
  if (!connection) return null;
  const stored = decryptZadarmaCredentials(keyring, connection);
  // Only while the replaced secret still verifies: afterwards there is nothing to say about it.
  const previousSecretUntil =
    verificationSecrets(stored, now).length > 1 ? stored.previousSecretUntil : undefined;
  return {
    id: connection.id,
    /** Which provider the workspace's telephony line is (Settings → Telephony lets the owner choose). */
    provider: connection.kind === "mango" ? ("mango" as const) : ("zadarma" as const),
    status: connection.status,
    /** The API key, shown whole: it names the account and signs nothing without the secret. */
    account: connection.externalAccount,
    credentialsHint: connection.credentialsHint,
    /** Until when notifications signed with the replaced secret are still accepted. */
    rotationOverlapUntil: previousSecretUntil ? new Date(previousSecretUntil) : null,
    settings: parseTelephonySettings(connection.settings),
    activatedAt: connection.activatedAt,
    lastError: connection.lastError,
    lastErrorAt: connection.lastErrorAt,
    createdAt: connection.createdAt,
  };
}

/** The account's zone, for reading Zadarma's local `call_start`; a failure leaves the stored one. */
const readTimeZone = (deps: Pick<TTelephonyDeps, "zadarma">, credentials: TZadarmaCredentials) =>
  deps.zadarma.getTimezone(credentials).then(
    ({ timeZone }) => timeZone,
    () => null,
  );

/**
 * Checks the key and secret live, then stores them encrypted and switches the connection on, with
 * its webhook address. Reconnecting with the same key and a new secret keeps the old secret
 * verifying for its window (R3), as a rotation does; another key replaces everything.
 */
export async function connectZadarma(
  db: TDb,
  deps: TTelephonyDeps,
  options: { tenantId: string; actorUserId: string; credentials: TZadarmaCredentials; now?: Date },
) {
  const { tenantId, actorUserId, credentials } = options;
  const now = options.now ?? new Date();
  await requireWorkingCredentials(deps, credentials);
  const timeZone = await readTimeZone(deps, credentials);
  const existing = await findZadarmaConnectionWithCredentials(db, deps.keyring, { tenantId });
  const stored: TStoredZadarmaCredentials =
    existing?.stored.key === credentials.key
      ? rotateZadarmaSecret(existing.stored, credentials.secret, now)
      : credentials;
  const connectionId = existing?.id ?? createId("con");
  const settings = {
    ...parseTelephonySettings(existing?.settings),
    ...(timeZone ? { timeZone } : {}),
  };
  const data = {
    credentials: encryptZadarmaCredentials(deps.keyring, { tenantId, connectionId }, stored),
    credentialsHint: credentialsHintOf(credentials),
    externalAccount: credentials.key,
    status: "active" as const,
    activatedAt: existing?.status === "active" ? undefined : now,
    settings: settings as Prisma.InputJsonObject,
    lastError: null,
    lastErrorAt: null,
  };
  await saveTelephonyConnection(db, deps.keyring, {
    tenantId,
    actorUserId,
    kind: "zadarma",
    connectionId,
    isNew: !existing,
    data,
  });
  return { connectionId, credentials: toApiCredentials(stored) };
}

/** The columns a (re)connection writes, the same for every provider. */
export type TTelephonyConnectionData = {
  credentials: string;
  credentialsHint: string;
  externalAccount: string;
  status: "active";
  activatedAt: Date | undefined;
  settings?: Prisma.InputJsonObject;
  circuitOpenUntil?: null;
  lastError: null;
  lastErrorAt: null;
};

const PROVIDER_NAME = { zadarma: CONNECTION_NAME, mango: "Mango Office" } as const;

/**
 * Writes a telephony connection switched on, with its events address and an audit entry, in one
 * transaction. One telephony line per workspace at a time: the other provider's connection, if
 * active, is switched off (its calls, extensions and mapping stay).
 */
export async function saveTelephonyConnection(
  db: TDb,
  keyring: TKeyring,
  options: {
    tenantId: string;
    actorUserId: string;
    kind: TTelephonyKind;
    connectionId: string;
    isNew: boolean;
    data: TTelephonyConnectionData;
  },
) {
  const { tenantId, kind, connectionId, data } = options;
  await db.$transaction(async (tx) => {
    if (options.isNew)
      await tx.connection.create({
        data: { id: connectionId, tenantId, kind, name: PROVIDER_NAME[kind], ...data },
      });
    else await tx.connection.update({ where: { id: connectionId, tenantId }, data });
    await tx.connection.updateMany({
      where: {
        tenantId,
        kind: kind === "mango" ? "zadarma" : "mango",
        status: { not: "inactive" },
      },
      data: { status: "inactive", activatedAt: null },
    });
    await ensureWebhookEndpoint(tx, keyring, { tenantId, connectionId, purpose: "telephony" });
    await recordAudit(tx, {
      tenantId,
      actorUserId: options.actorUserId,
      action: options.isNew ? "telephony.connected" : "telephony.reconnected",
      targetType: "connection",
      targetId: connectionId,
      // Zadarma's entries stay as they were; a Mango connection says which provider it is.
      ...(kind === "mango" ? { data: { provider: kind } } : {}),
    });
  });
}

/**
 * The owner generated a new secret in Zadarma and pastes it here: it is checked live with the
 * stored key, and the old one keeps verifying notifications for 72 h (R3), or until revoked. When
 * Zadarma had refused the old credentials, the line starts again (R19): the connection is active,
 * and a catch-up import (returned, for the caller to hand to the job driver) fetches what was missed.
 */
export async function rotateTelephonySecret(
  db: TDb,
  deps: TTelephonyDeps,
  options: { tenantId: string; actorUserId: string; secret: string; now?: Date },
) {
  const { tenantId } = options;
  const now = options.now ?? new Date();
  const connection = await findZadarmaConnectionWithCredentials(db, deps.keyring, { tenantId });
  if (!connection) throw new AppError("TELEPHONY_NOT_CONNECTED");
  await requireWorkingCredentials(deps, { key: connection.stored.key, secret: options.secret });
  const rotated = rotateZadarmaSecret(connection.stored, options.secret, now);
  const wasStopped = connection.status === "needs_attention";
  const updated = await db.connection.update({
    where: { id: connection.id },
    data: {
      credentials: encryptZadarmaCredentials(
        deps.keyring,
        { tenantId, connectionId: connection.id },
        rotated,
      ),
      credentialsHint: credentialsHintOf(rotated),
      ...(wasStopped ? { status: "active" as const } : {}),
      lastError: null,
      lastErrorAt: null,
    },
    select: { lastReconcileAt: true },
  });
  await recordAudit(db, {
    tenantId,
    actorUserId: options.actorUserId,
    action: "telephony.secret_rotated",
    targetType: "connection",
    targetId: connection.id,
    data: { previousSecretUntil: rotated.previousSecretUntil ?? null },
  });
  const catchUpImport = wasStopped
    ? await startCatchUpImport(
        db,
        { tenantId, connectionId: connection.id, lastReconcileAt: updated.lastReconcileAt },
        now,
      )
    : null;
  return {
    rotationOverlapUntil: rotated.previousSecretUntil
      ? new Date(rotated.previousSecretUntil)
      : null,
    catchUpImport,
  };
}

/**
 * «Revoke the old secret now» (R3): after a leak, or once Zadarma surely signs with the new one,
 * notifications signed with the previous secret are refused from now on (within the receivers'
 * 30 s cache of secrets).
 */
export async function revokePreviousTelephonySecret(
  db: TDb,
  deps: Pick<TTelephonyDeps, "keyring">,
  options: { tenantId: string; actorUserId: string },
) {
  const { tenantId } = options;
  const connection = await findZadarmaConnectionWithCredentials(db, deps.keyring, { tenantId });
  if (!connection) throw new AppError("TELEPHONY_NOT_CONNECTED");
  await db.connection.update({
    where: { id: connection.id },
    data: {
      credentials: encryptZadarmaCredentials(
        deps.keyring,
        { tenantId, connectionId: connection.id },
        dropPreviousSecret(connection.stored),
      ),
    },
  });
  await recordAudit(db, {
    tenantId,
    actorUserId: options.actorUserId,
    action: "telephony.previous_secret_revoked",
    targetType: "connection",
    targetId: connection.id,
  });
}

/** Saves what the admin may change (the card's audience, the caller name); the rest comes from the PBX. */
export async function updateTelephonySettings(
  db: TDbClient,
  options: { tenantId: string; actorUserId: string; changes: TTelephonySettingsPatch },
) {
  const connection = await db.connection.findFirst({
    where: telephonyConnectionWhere(options.tenantId),
    orderBy: TELEPHONY_CONNECTION_ORDER,
    select: { id: true, settings: true },
  });
  if (!connection) throw new AppError("TELEPHONY_NOT_CONNECTED");
  const settings = {
    ...parseTelephonySettings(connection.settings),
    ...ZTelephonySettingsPatch.parse(options.changes),
  };
  await db.connection.update({
    where: { id: connection.id },
    data: { settings: settings as Prisma.InputJsonObject },
  });
  await recordAudit(db, {
    tenantId: options.tenantId,
    actorUserId: options.actorUserId,
    action: "telephony.settings_updated",
    targetType: "connection",
    targetId: connection.id,
    data: settings as Prisma.InputJsonObject,
  });
  return settings;
}

/**
 * Switches telephony off: the webhook address stops accepting notifications and calls can no
 * longer be placed. Calls, extensions and the member mapping stay for when it is connected again.
 */
export async function disconnectTelephony(
  db: TDbClient,
  options: { tenantId: string; actorUserId: string },
) {
  const connection = await db.connection.findFirst({
    where: telephonyConnectionWhere(options.tenantId),
    orderBy: TELEPHONY_CONNECTION_ORDER,
    select: { id: true },
  });
  if (!connection) throw new AppError("TELEPHONY_NOT_CONNECTED");
  await db.connection.update({
    where: { id: connection.id },
    data: { status: "inactive", activatedAt: null },
  });
  await recordAudit(db, {
    tenantId: options.tenantId,
    actorUserId: options.actorUserId,
    action: "telephony.disconnected",
    targetType: "connection",
    targetId: connection.id,
  });
}

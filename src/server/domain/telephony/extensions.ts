import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { checkFailureError, checkFailureOf } from "@/server/domain/telephony/check-credentials";
import {
  findActiveMangoAccount,
  refreshMangoExtensions,
} from "@/server/domain/telephony/connect-mango";
import { requireActiveZadarmaConnection } from "@/server/domain/telephony/connections";
import { toApiCredentials } from "@/server/domain/telephony/credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { AppError } from "@/server/errors";
import type { TZadarmaCredentials } from "@/server/integrations/zadarma";

type TConnectionScope = { tenantId: string; connectionId: string };

/** One extension as the PBX describes it now. */
export type TPbxExtension = { extension: string; name: string | null; isOnline: boolean | null };

/**
 * Reads every extension of the PBX with its name and online flag. Extensions are few (one per
 * employee), so one call each stays far below Zadarma's 100 requests a minute.
 */
async function readPbxExtensions(
  deps: Pick<TTelephonyDeps, "zadarma">,
  credentials: TZadarmaCredentials,
): Promise<TPbxExtension[]> {
  const { extensions } = await deps.zadarma.listExtensions(credentials);
  const read: TPbxExtension[] = [];
  for (const extension of extensions) {
    const [info, status] = await Promise.all([
      deps.zadarma.getExtensionInfo(credentials, extension),
      deps.zadarma.getExtensionStatus(credentials, extension),
    ]);
    read.push({ extension, name: info.name || null, isOnline: status.isOnline });
  }
  return read;
}

/**
 * Brings the stored extensions in line with the PBX: new ones appear, known ones get their name
 * and online flag, and ones gone from the PBX are marked removed, keeping their member so past
 * calls still name who answered.
 */
export async function refreshTelephonyExtensions(
  db: TDb,
  deps: Pick<TTelephonyDeps, "zadarma">,
  options: TConnectionScope & { credentials: TZadarmaCredentials; now?: Date },
) {
  const current = await readPbxExtensions(deps, options.credentials);
  return storePbxExtensions(db, options, current, options.now ?? new Date());
}

/**
 * The extensions a provider listed now, stored for the mapping table (any provider: Zadarma's
 * `pbx/internal`, Mango's `config/users/request`, docs/telephony-mango.md §6).
 */
export async function storePbxExtensions(
  db: TDb,
  { tenantId, connectionId }: TConnectionScope,
  current: readonly TPbxExtension[],
  now: Date,
) {
  await db.$transaction(async (tx) => {
    for (const { extension, name, isOnline } of current) {
      await tx.telephonyExtension.upsert({
        where: { connectionId_extension: { connectionId, extension } },
        create: {
          id: createId("ext"),
          tenantId,
          connectionId,
          extension,
          name,
          isOnline,
          refreshedAt: now,
        },
        update: { name, isOnline, isRemoved: false, refreshedAt: now },
      });
    }
    await tx.telephonyExtension.updateMany({
      where: {
        tenantId,
        connectionId,
        isRemoved: false,
        extension: { notIn: current.map((row) => row.extension) },
      },
      data: { isRemoved: true, isOnline: null, refreshedAt: now },
    });
  });
  return { count: current.length };
}

/** The settings page's mapping table: every extension still on the PBX with its member. */
export async function listTelephonyExtensions(
  db: TDbClient,
  { tenantId, connectionId }: TConnectionScope,
) {
  const rows = await db.telephonyExtension.findMany({
    where: { tenantId, connectionId, isRemoved: false },
    orderBy: { extension: "asc" },
    select: { extension: true, name: true, isOnline: true, membershipId: true, refreshedAt: true },
  });
  const memberIds = rows.flatMap((row) => (row.membershipId ? [row.membershipId] : []));
  const members = await db.membership.findMany({
    where: { tenantId, id: { in: memberIds } },
    select: { id: true, user: { select: { name: true, email: true } } },
  });
  const memberOf = new Map(
    members.map((member) => [
      member.id,
      { membershipId: member.id, name: member.user.name, email: member.user.email },
    ]),
  );
  return rows.map((row) => ({
    extension: row.extension,
    name: row.name,
    isOnline: row.isOnline,
    refreshedAt: row.refreshedAt,
    member: row.membershipId ? (memberOf.get(row.membershipId) ?? null) : null,
  }));
}

/**
 * Gives an extension to a member, or takes it back (`membershipId: null`). A member answers on one
 * extension per connection, so mapping them moves them off any other one. The member must be of
 * this workspace: another's id is "not found" (R14).
 */
export async function mapTelephonyExtension(
  db: TDb,
  options: TConnectionScope & {
    extension: string;
    membershipId: string | null;
    actorUserId: string;
  },
) {
  const { tenantId, connectionId, extension, membershipId } = options;
  const row = await db.telephonyExtension.findFirst({
    where: { tenantId, connectionId, extension, isRemoved: false },
    select: { id: true },
  });
  if (!row) throw new AppError("NOT_FOUND");
  if (
    membershipId &&
    !(await db.membership.findFirst({
      where: { id: membershipId, tenantId },
      select: { id: true },
    }))
  )
    throw new AppError("NOT_FOUND");
  await db.$transaction(async (tx) => {
    // Two admins mapping at once must not leave one member on two extensions.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`telephony-mapping:${connectionId}`}))`;
    if (membershipId)
      await tx.telephonyExtension.updateMany({
        where: { tenantId, connectionId, membershipId, id: { not: row.id } },
        data: { membershipId: null },
      });
    await tx.telephonyExtension.update({ where: { id: row.id }, data: { membershipId } });
  });
  await recordAudit(db, {
    tenantId,
    actorUserId: options.actorUserId,
    action: membershipId ? "telephony.extension_mapped" : "telephony.extension_unmapped",
    targetType: "telephony_extension",
    targetId: row.id,
    data: { extension, membershipId },
  });
}

/** The extension a member places calls from, if any (removed extensions no longer ring). */
export async function findMemberExtension(
  db: TDbClient,
  { tenantId, connectionId, membershipId }: TConnectionScope & { membershipId: string },
) {
  const row = await db.telephonyExtension.findFirst({
    where: { tenantId, connectionId, membershipId, isRemoved: false },
    orderBy: { extension: "asc" },
    select: { extension: true },
  });
  return row?.extension ?? null;
}

/** The page's «Обновить из АТС»: a provider failure comes back as the check's plain-words error. */
export async function refreshExtensionsOfTenant(
  db: TDb,
  deps: TTelephonyDeps,
  { tenantId }: { tenantId: string },
) {
  const mango = await findActiveMangoAccount(db, deps.keyring, { tenantId });
  if (mango) return refreshMangoExtensions(db, deps, mango);
  const connection = await requireActiveZadarmaConnection(db, deps.keyring, { tenantId });
  return refreshTelephonyExtensions(db, deps, {
    tenantId,
    connectionId: connection.id,
    credentials: toApiCredentials(connection.stored),
  }).catch((error: unknown) => {
    throw checkFailureError(checkFailureOf(error), error);
  });
}

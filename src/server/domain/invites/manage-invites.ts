import type { Role } from "@generated/prisma/client";
import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { createSecretToken, hashSecretToken } from "@/server/domain/invites/invite-token";
import { canAssignRole } from "@/server/domain/members/roles";
import { AppError } from "@/server/errors";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function createInvite(db: TDb, options: { tenantId: string; actorUserId: string; actorRole: Role; role: Role; now?: Date }) {
  if (!canAssignRole(options.actorRole, null, options.role)) throw new AppError("FORBIDDEN");
  const token = createSecretToken();
  const now = options.now ?? new Date();
  const invite = await db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: { id: createId("inv"), tenantId: options.tenantId, role: options.role, tokenHash: hashSecretToken(token), createdById: options.actorUserId, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) },
      select: { id: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, { tenantId: options.tenantId, actorUserId: options.actorUserId, action: "invite.created", targetType: "invite", targetId: created.id, data: { role: options.role } });
    return created;
  });
  // The token is returned once, to be shown for copying; it cannot be recovered later.
  return { ...invite, token };
}

export async function findPendingInvites(db: TDbClient, { tenantId, now = new Date() }: { tenantId: string; now?: Date }) {
  return db.invite.findMany({
    where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function revokeInvite(db: TDb, { tenantId, actorUserId, inviteId }: { tenantId: string; actorUserId: string; inviteId: string }) {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({ where: { id: inviteId, tenantId, acceptedAt: null, revokedAt: null }, select: { id: true } });
    if (!invite) throw new AppError("NOT_FOUND");
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { tenantId, actorUserId, action: "invite.revoked", targetType: "invite", targetId: invite.id });
    return { id: invite.id };
  });
}

async function findUsableInvite(db: TDbClient, token: string, now: Date) {
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: { id: true, tenantId: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, tenant: { select: { name: true, slug: true } } },
  });
  if (!invite || invite.acceptedAt || invite.revokedAt) throw new AppError("INVITE_INVALID");
  if (invite.expiresAt <= now) throw new AppError("INVITE_EXPIRED");
  return invite;
}

/** What the invite page shows before the user accepts. */
export async function previewInvite(db: TDbClient, { token, now = new Date() }: { token: string; now?: Date }) {
  const invite = await findUsableInvite(db, token, now);
  return { workspaceName: invite.tenant.name, role: invite.role, expiresAt: invite.expiresAt };
}

/** Single use: the invite is consumed atomically, so two tabs cannot both redeem it. */
export async function acceptInvite(db: TDb, { token, userId, now = new Date() }: { token: string; userId: string; now?: Date }) {
  return db.$transaction(async (tx) => {
    const invite = await findUsableInvite(tx, token, now);
    const consumed = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: now, acceptedById: userId } });
    if (consumed.count === 0) throw new AppError("INVITE_INVALID");
    const existing = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: invite.tenantId, userId } }, select: { id: true } });
    if (!existing) {
      const membership = await tx.membership.create({ data: { id: createId("mbr"), tenantId: invite.tenantId, userId, role: invite.role }, select: { id: true } });
      await recordAudit(tx, { tenantId: invite.tenantId, actorUserId: userId, action: "invite.accepted", targetType: "membership", targetId: membership.id, data: { role: invite.role } });
    }
    return { slug: invite.tenant.slug };
  });
}

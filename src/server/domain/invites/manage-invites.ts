import type { Role } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { createSecretToken, hashSecretToken } from "@/server/domain/invites/invite-token";
import { canAssignRole } from "@/server/domain/members/roles";
import { AppError } from "@/server/errors";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function createInvite(
  db: TDb,
  options: { tenantId: string; actorUserId: string; actorRole: Role; role: Role; now?: Date },
) {
  if (!canAssignRole(options.actorRole, null, options.role)) throw new AppError("FORBIDDEN");
  const token = createSecretToken();
  const now = options.now ?? new Date();
  const invite = await db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        id: createId("inv"),
        tenantId: options.tenantId,
        role: options.role,
        tokenHash: hashSecretToken(token),
        createdById: options.actorUserId,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      },
      select: { id: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, {
      tenantId: options.tenantId,
      actorUserId: options.actorUserId,
      action: "invite.created",
      targetType: "invite",
      targetId: created.id,
      data: { role: options.role },
    });
    return created;
  });
  // The token is returned once, to be shown for copying; it cannot be recovered later.
  return { ...invite, token };
}

export async function findPendingInvites(
  db: TDbClient,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
) {
  return db.invite.findMany({
    where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function revokeInvite(
  db: TDb,
  { tenantId, actorUserId, inviteId }: { tenantId: string; actorUserId: string; inviteId: string },
) {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({
      where: { id: inviteId, tenantId, acceptedAt: null, revokedAt: null },
      select: { id: true },
    });
    if (!invite) throw new AppError("NOT_FOUND");
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "invite.revoked",
      targetType: "invite",
      targetId: invite.id,
    });
    return { id: invite.id };
  });
}

const findInvite = (db: TDbClient, token: string) =>
  db.invite.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: {
      id: true,
      tenantId: true,
      role: true,
      createdById: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      tenant: { select: { name: true, slug: true } },
    },
  });

type TFoundInvite = NonNullable<Awaited<ReturnType<typeof findInvite>>>;

function assertUsable(invite: TFoundInvite | null, now: Date): TFoundInvite {
  if (!invite || invite.acceptedAt || invite.revokedAt) throw new AppError("INVITE_INVALID");
  if (invite.expiresAt <= now) throw new AppError("INVITE_EXPIRED");
  return invite;
}

const findUsableInvite = async (db: TDbClient, token: string, now: Date) =>
  assertUsable(await findInvite(db, token), now);

const isMemberOf = async (db: TDbClient, tenantId: string, userId: string) =>
  (await db.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: { id: true },
  })) !== null;

/** A usable invite's workspace and role, for the `invites.preview` procedure. */
export async function previewInvite(
  db: TDbClient,
  { token, now = new Date() }: { token: string; now?: Date },
) {
  const invite = await findUsableInvite(db, token, now);
  return { workspaceName: invite.tenant.name, role: invite.role, expiresAt: invite.expiresAt };
}

export type TInviteView =
  /** A signed-out visitor: who invites to which workspace, nothing more, and only for a usable link. */
  | { kind: "visitor"; inviterName: string; workspaceName: string }
  /** A signed-in user who can accept it. */
  | { kind: "open"; inviterName: string; workspaceName: string; role: Role; expiresAt: Date }
  /** A member of the workspace already (say, the one who used the link): whatever the link's state. */
  | { kind: "member"; workspaceName: string; slug: string };

/**
 * What the invite page shows to whoever opens the link. Unusable links throw INVITE_INVALID or
 * INVITE_EXPIRED, except for members of the workspace, who learn nothing new from it.
 */
export async function viewInvite(
  db: TDbClient,
  {
    token,
    viewerUserId,
    now = new Date(),
  }: { token: string; viewerUserId: string | null; now?: Date },
): Promise<TInviteView> {
  const found = await findInvite(db, token);
  if (found && viewerUserId && (await isMemberOf(db, found.tenantId, viewerUserId))) {
    return { kind: "member", workspaceName: found.tenant.name, slug: found.tenant.slug };
  }
  const invite = assertUsable(found, now);
  const inviter = await db.user.findUnique({
    where: { id: invite.createdById },
    select: { name: true },
  });
  const names = { inviterName: inviter?.name ?? "", workspaceName: invite.tenant.name };
  return viewerUserId
    ? { kind: "open", ...names, role: invite.role, expiresAt: invite.expiresAt }
    : { kind: "visitor", ...names };
}

/** Single use: the invite is consumed atomically, so two tabs cannot both redeem it. */
export async function acceptInvite(
  db: TDb,
  { token, userId, now = new Date() }: { token: string; userId: string; now?: Date },
) {
  return db.$transaction(async (tx) => {
    const invite = await findUsableInvite(tx, token, now);
    // A member who opens a link again keeps it unused: it may still be meant for someone else.
    if (await isMemberOf(tx, invite.tenantId, userId)) return { slug: invite.tenant.slug };
    const consumed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null },
      data: { acceptedAt: now, acceptedById: userId },
    });
    if (consumed.count === 0) throw new AppError("INVITE_INVALID");
    const membership = await tx.membership.create({
      data: { id: createId("mbr"), tenantId: invite.tenantId, userId, role: invite.role },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: invite.tenantId,
      actorUserId: userId,
      action: "invite.accepted",
      targetType: "membership",
      targetId: membership.id,
      data: { role: invite.role },
    });
    return { slug: invite.tenant.slug };
  });
}

import type { Role } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { canAssignRole } from "@/server/domain/members/roles";
import { AppError } from "@/server/errors";

type TActor = { tenantId: string; actorUserId: string; actorRole: Role };

export async function findMembers(db: TDbClient, { tenantId }: { tenantId: string }) {
  const memberships = await db.membership.findMany({
    where: { tenantId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
  return memberships.map(({ id, role, createdAt, user }) => ({
    id,
    role,
    joinedAt: createdAt,
    userId: user.id,
    name: user.name,
    email: user.email,
  }));
}

async function findTargetMembership(db: TDbClient, tenantId: string, membershipId: string) {
  const target = await db.membership.findFirst({
    where: { id: membershipId, tenantId },
    select: { id: true, role: true, userId: true },
  });
  if (!target) throw new AppError("NOT_FOUND");
  return target;
}

async function assertNotLastOwner(db: TDbClient, tenantId: string, target: { role: Role }) {
  if (target.role !== "owner") return;
  const owners = await db.membership.count({ where: { tenantId, role: "owner" } });
  if (owners <= 1) throw new AppError("LAST_OWNER");
}

export async function changeMemberRole(
  db: TDb,
  actor: TActor & { membershipId: string; role: Role },
) {
  return db.$transaction(async (tx) => {
    const target = await findTargetMembership(tx, actor.tenantId, actor.membershipId);
    if (!canAssignRole(actor.actorRole, target.role, actor.role)) throw new AppError("FORBIDDEN");
    if (target.role === actor.role) return { id: target.id, role: target.role };
    if (actor.role !== "owner") await assertNotLastOwner(tx, actor.tenantId, target);
    const updated = await tx.membership.update({
      where: { id: target.id },
      data: { role: actor.role },
      select: { id: true, role: true },
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.actorUserId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: target.id,
      data: { from: target.role, to: actor.role },
    });
    return updated;
  });
}

export async function removeMember(db: TDb, actor: TActor & { membershipId: string }) {
  return db.$transaction(async (tx) => {
    const target = await findTargetMembership(tx, actor.tenantId, actor.membershipId);
    const isSelf = target.userId === actor.actorUserId;
    if (!isSelf && !canAssignRole(actor.actorRole, target.role, target.role))
      throw new AppError("FORBIDDEN");
    await assertNotLastOwner(tx, actor.tenantId, target);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.actorUserId,
      action: isSelf ? "member.left" : "member.removed",
      targetType: "membership",
      targetId: target.id,
    });
    return { id: target.id };
  });
}

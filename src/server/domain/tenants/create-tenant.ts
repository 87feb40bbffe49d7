import { randomBytes } from "node:crypto";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { recordAudit } from "@/server/domain/audit/record-audit";
import type { TCreateWorkspaceRequest } from "@/server/domain/tenants/schemas";
import { slugify } from "@/server/domain/tenants/slugify";

export type TCreatedTenant = { id: string; slug: string; name: string };

/** Creates a workspace and makes the creator its owner, atomically. */
export async function createTenant(
  db: TDb,
  { userId, request }: { userId: string; request: TCreateWorkspaceRequest },
): Promise<TCreatedTenant> {
  const baseSlug = slugify(request.name);
  return db.$transaction(async (tx) => {
    const taken = await tx.tenant.findUnique({ where: { slug: baseSlug }, select: { id: true } });
    // A random suffix instead of counting up: no race between two sign-ups picking "-2".
    const slug = taken ? `${baseSlug}-${randomBytes(3).toString("hex")}` : baseSlug;
    const tenant = await tx.tenant.create({
      data: {
        id: createId("tnt"),
        slug,
        name: request.name,
        timezone: request.timezone,
        currency: request.currency,
      },
      select: { id: true, slug: true, name: true },
    });
    await tx.membership.create({
      data: { id: createId("mbr"), tenantId: tenant.id, userId, role: "owner" },
    });
    await recordAudit(tx, {
      tenantId: tenant.id,
      actorUserId: userId,
      action: "workspace.created",
      targetType: "tenant",
      targetId: tenant.id,
    });
    return tenant;
  });
}

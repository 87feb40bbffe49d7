import type { Role } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";

export type TWorkspaceSummary = { tenantId: string; slug: string; name: string; role: Role };

/** The workspaces a user belongs to, oldest membership first. */
export async function findUserWorkspaces(
  db: TDbClient,
  userId: string,
): Promise<TWorkspaceSummary[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map(({ role, tenant }) => ({
    tenantId: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    role,
  }));
}

export type TVerifiedMembership = {
  tenantId: string;
  slug: string;
  tenantName: string;
  timezone: string;
  currency: string;
  role: Role;
  membershipId: string;
};

/**
 * Turns an unverified slug (from the URL or a header) into a tenant id, only if the user is a member.
 * Returns null both for unknown slugs and for other people's workspaces (R14).
 */
export async function findMembershipBySlug(
  db: TDbClient,
  { userId, unverifiedTenantSlug }: { userId: string; unverifiedTenantSlug: string },
): Promise<TVerifiedMembership | null> {
  const membership = await db.membership.findFirst({
    where: { userId, tenant: { slug: unverifiedTenantSlug } },
    select: {
      id: true,
      role: true,
      tenant: { select: { id: true, slug: true, name: true, timezone: true, currency: true } },
    },
  });
  if (!membership) return null;
  const { tenant } = membership;
  return {
    tenantId: tenant.id,
    slug: tenant.slug,
    tenantName: tenant.name,
    timezone: tenant.timezone,
    currency: tenant.currency,
    role: membership.role,
    membershipId: membership.id,
  };
}

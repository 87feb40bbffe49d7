import "server-only";

import { notFound, redirect } from "next/navigation";
import { cache } from "react";

import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";

/** For workspace pages: the signed-in user's verified membership, or a 404 for anyone else (R14). */
export const requireMembership = cache(async (unverifiedTenantSlug: string) => {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/w/${unverifiedTenantSlug}`)}`);
  const membership = await findMembershipBySlug(getDb(), { userId: user.id, unverifiedTenantSlug });
  if (!membership) notFound();
  return { user, membership };
});

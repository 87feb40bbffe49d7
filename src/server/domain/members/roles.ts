import type { Role } from "@generated/prisma/client";

export const MANAGER_ROLES: readonly Role[] = ["owner", "admin"];

export const canManageMembers = (role: Role): boolean => MANAGER_ROLES.includes(role);

/** Only owners may hand out or take away the owner role; admins manage admins and agents. */
export const canAssignRole = (
  actorRole: Role,
  targetCurrentRole: Role | null,
  newRole: Role,
): boolean => {
  if (!canManageMembers(actorRole)) return false;
  if (actorRole === "owner") return true;
  return newRole !== "owner" && targetCurrentRole !== "owner";
};

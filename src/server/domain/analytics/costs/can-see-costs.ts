import type { Role } from "@generated/prisma/client";

import { canManageMembers } from "@/server/domain/members/roles";

/**
 * Owners and admins always see ad costs (and the CPL and ROMI made of them); agents only while the
 * workspace does not hide them (docs/analytics-costs.md §5).
 */
export const canSeeCosts = ({
  role,
  hideCostsFromAgents,
}: {
  role: Role;
  hideCostsFromAgents: boolean;
}): boolean => canManageMembers(role) || !hideCostsFromAgents;

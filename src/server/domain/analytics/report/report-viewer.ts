import type { Role } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import { canSeeCosts } from "@/server/domain/analytics/costs/can-see-costs";

/** Whether a member reads the report with costs, CPL and ROMI (`canSeeCosts`, docs/analytics.md §6). */
export async function showsCostsTo(
  db: TDbClient,
  { tenantId, role }: { tenantId: string; role: Role },
): Promise<boolean> {
  const { hideCostsFromAgents } = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { hideCostsFromAgents: true },
  });
  return canSeeCosts({ role, hideCostsFromAgents });
}

/** The names the report's rows show: the workspace's sources (presets by key) and campaigns. */
export async function loadReportLabels(db: TDbClient, { tenantId }: { tenantId: string }) {
  const [sources, campaigns] = await Promise.all([
    db.source.findMany({
      where: { tenantId },
      select: { id: true, name: true, presetKey: true },
    }),
    db.adCampaign.findMany({ where: { tenantId }, select: { id: true, name: true } }),
  ]);
  return { sources, campaigns };
}

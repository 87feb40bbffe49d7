import type { TDbClient } from "@/server/db/types";

/**
 * Whether a member reads the report with costs, CPL and ROMI: owners and admins always, agents
 * unless the workspace hides costs from them (docs/analytics-costs.md).
 */
export async function showsCostsTo(
  db: TDbClient,
  { tenantId, role }: { tenantId: string; role: "owner" | "admin" | "agent" },
): Promise<boolean> {
  if (role !== "agent") return true;
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { hideCostsFromAgents: true },
  });
  return !tenant.hideCostsFromAgents;
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

import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";

export async function findHideCostsFromAgents(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<boolean> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { hideCostsFromAgents: true },
  });
  return tenant.hideCostsFromAgents;
}

/** The role setting «Скрывать расходы от агентов», audited like other settings changes. */
export function setHideCostsFromAgents(
  db: TDb,
  {
    tenantId,
    actorUserId,
    hideCostsFromAgents,
  }: { tenantId: string; actorUserId: string; hideCostsFromAgents: boolean },
) {
  return db.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: tenantId }, data: { hideCostsFromAgents } });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "analytics.costs_visibility_changed",
      targetType: "tenant",
      targetId: tenantId,
      data: { hideCostsFromAgents },
    });
    return { hideCostsFromAgents };
  });
}

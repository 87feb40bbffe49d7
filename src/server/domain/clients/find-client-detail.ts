import { StageGroup } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import { CALL_LIST_SELECT, loadCallNames, withCallNames } from "@/server/domain/calls/find-calls";
import { CLIENT_HISTORY_LIMIT, findClientHistory } from "@/server/domain/clients/client-history";

const STAGE_GROUPS: ReadonlySet<string> = new Set(Object.values(StageGroup));
/** The history reads the stage group as text; the column is the enum, so this only narrows the type. */
const toStageGroup = (value: string): StageGroup =>
  STAGE_GROUPS.has(value) ? (value as StageGroup) : StageGroup.in_work;

/**
 * The client page: the client's history (deals with stage and amount, leads with source and
 * campaign) and their calls as the calls table shows them (status, employee, recording), newest
 * first. Another tenant's client is not found.
 */
export async function findClientDetail(
  db: TDbClient,
  { tenantId, clientId }: { tenantId: string; clientId: string },
) {
  const history = await findClientHistory(db, { tenantId, clientId });
  if (!history) return null;
  const calls = await db.call.findMany({
    where: { tenantId, clientId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: CLIENT_HISTORY_LIMIT,
    select: CALL_LIST_SELECT,
  });
  const names = await loadCallNames(db, { tenantId, calls });
  return {
    client: history.client,
    deals: history.deals.map((deal) => ({ ...deal, stageGroup: toStageGroup(deal.stageGroup) })),
    leads: history.leads,
    calls: calls.map((call) => withCallNames(call, names)),
  };
}

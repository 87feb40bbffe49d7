import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";

import { createCampaignMatcher } from "./match-campaign";
import { parseCostsCsv, type TCostRowError, type TCostsFileProblem } from "./parse-costs-csv";
import { planCostsImport, type TDayCost } from "./plan-costs-import";

/** A long list of errors is shown in part: the first ones tell what is wrong with the file. */
const MAX_ERRORS_RETURNED = 200;

export type TCostsImportResult =
  | { status: "imported"; rowCount: number; costCount: number }
  | { status: "rejected"; errors: TCostRowError[]; errorCount: number }
  | { status: "refused"; problem: TCostsFileProblem };

/**
 * One statement for all the days: a day already stored for the campaign is replaced, so importing
 * the same file again changes nothing (docs/analytics-costs.md §4).
 */
const upsertDayCosts = (db: TDbClient, tenantId: string, costs: TDayCost[]) =>
  db.$executeRaw`
    INSERT INTO "AdCost" ("id", "tenantId", "campaignId", "periodStart", "periodEnd", "amountMinor", "origin", "updatedAt")
    SELECT cost.id, ${tenantId}, cost."campaignId", cost.day, cost.day, cost."amountMinor", 'csv'::"AdCostOrigin", now()
    FROM unnest(${costs.map(() => createId("cst"))}::text[], ${costs.map((cost) => cost.campaignId)}::text[],
                ${costs.map((cost) => cost.day)}::date[], ${costs.map((cost) => cost.amountMinor.toString())}::bigint[])
      AS cost(id, "campaignId", day, "amountMinor")
    ON CONFLICT ("tenantId", "campaignId", "periodStart", "periodEnd")
    DO UPDATE SET "amountMinor" = EXCLUDED."amountMinor", "origin" = 'csv'::"AdCostOrigin", "updatedAt" = now()`;

/**
 * Imports an ad-cost CSV into the workspace: all of it in one transaction, or nothing and every
 * error with its line. Rows are matched only against the workspace's own campaigns.
 */
export async function importCostsCsv(
  db: TDb,
  { tenantId, actorUserId, text }: { tenantId: string; actorUserId: string; text: string },
): Promise<TCostsImportResult> {
  const parsed = parseCostsCsv(text);
  if (parsed.kind === "file") return { status: "refused", problem: parsed.problem };
  const campaigns = await db.adCampaign.findMany({
    where: { tenantId },
    select: { id: true, name: true, utmCampaigns: true },
  });
  const plan = planCostsImport(parsed, createCampaignMatcher(campaigns));
  if (plan.kind === "reject")
    return {
      status: "rejected",
      errors: plan.errors.slice(0, MAX_ERRORS_RETURNED),
      errorCount: plan.errors.length,
    };
  await db.$transaction(async (tx) => {
    await upsertDayCosts(tx, tenantId, plan.costs);
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "cost.imported",
      targetType: "tenant",
      targetId: tenantId,
      data: { rowCount: parsed.rows.length, costCount: plan.costs.length },
    });
  });
  return { status: "imported", rowCount: parsed.rows.length, costCount: plan.costs.length };
}

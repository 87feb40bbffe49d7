import type { TDbClient } from "@/server/db/types";

import { dateToDay } from "./cost-day";
import { monthPeriod } from "./cost-month";

/** A campaign's costs in one month: the amount entered by hand, and the imported days summed. */
export type TMonthCost = { month: string; manualMinor: bigint | null; importedMinor: bigint };

/**
 * The «Расходы» grid: every campaign of the workspace (grouped by source) against the given
 * months, with what each cost in each month that has any cost.
 */
export async function findCostGrid(
  db: TDbClient,
  { tenantId, months }: { tenantId: string; months: string[] },
) {
  const [campaigns, costs] = await Promise.all([
    db.adCampaign.findMany({
      where: { tenantId },
      orderBy: [{ source: { name: "asc" } }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        source: { select: { name: true, presetKey: true, channel: true } },
      },
    }),
    db.adCost.findMany({
      where: {
        tenantId,
        periodStart: {
          gte: monthPeriod(months[0]!).periodStart,
          lte: monthPeriod(months.at(-1)!).periodEnd,
        },
      },
      select: { campaignId: true, periodStart: true, amountMinor: true, origin: true },
    }),
  ]);
  const cellOf = new Map<string, TMonthCost>();
  for (const cost of costs) {
    const month = dateToDay(cost.periodStart).slice(0, 7);
    const key = `${cost.campaignId} ${month}`;
    const cell = cellOf.get(key) ?? { month, manualMinor: null, importedMinor: 0n };
    cellOf.set(
      key,
      cost.origin === "manual"
        ? { ...cell, manualMinor: cost.amountMinor }
        : { ...cell, importedMinor: cell.importedMinor + cost.amountMinor },
    );
  }
  return campaigns.map(({ id, name, source }) => ({
    id,
    name,
    sourceName: source.name,
    sourcePresetKey: source.presetKey,
    channel: source.channel,
    costs: months.flatMap((month) => cellOf.get(`${id} ${month}`) ?? []),
  }));
}

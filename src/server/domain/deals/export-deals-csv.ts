import type { TDbClient } from "@/server/db/types";
import type { TDealFilters } from "@/server/domain/deals/deal-filters";
import { DEAL_LIST_SELECT, dealWhere } from "@/server/domain/deals/find-deals";

const BATCH = 1000;

/** Columns of the export, in order; the header row uses the keys so files are stable across locales. */
const COLUMNS = [
  "externalId", "name", "amount", "currency", "status", "stageGroup", "visitStartAt", "visitEndAt", "crmCreatedAt", "crmModifiedAt",
  "responsibleName", "contactName", "contactPhone", "contactEmail", "isSale", "isOnlineBooking", "paidBySubscription",
] as const;

const E164_PHONE = /^\+\d{6,15}$/;

/** Quotes a field when needed and defuses spreadsheet formulas (a leading =, +, - or @; phones stay as they are). */
export function toCsvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !E164_PHONE.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type TDealRow = Awaited<ReturnType<TDbClient["deal"]["findMany"]>>[number];

const cell = (deal: Pick<TDealRow, keyof typeof DEAL_LIST_SELECT>, column: (typeof COLUMNS)[number]): string => {
  if (column === "amount") return (deal.amountMinor / 100).toFixed(2);
  const value = deal[column];
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : String(value);
};

/**
 * Streams the deals of the current filter as CSV lines, keyset-paginated by id so memory stays flat
 * however many deals match.
 */
export async function* exportDealsCsv(db: TDbClient, { tenantId, filters }: { tenantId: string; filters: TDealFilters }): AsyncGenerator<string> {
  yield `\uFEFF${COLUMNS.join(",")}\n`;
  let afterId: string | undefined;
  for (;;) {
    const where = { ...dealWhere(tenantId, filters), ...(afterId ? { id: { gt: afterId } } : {}) };
    const batch = await db.deal.findMany({ where, orderBy: { id: "asc" }, take: BATCH, select: DEAL_LIST_SELECT });
    if (batch.length === 0) return;
    yield batch.map((deal) => COLUMNS.map((column) => toCsvField(cell(deal, column))).join(",")).join("\n") + "\n";
    afterId = batch[batch.length - 1]?.id;
    if (batch.length < BATCH) return;
  }
}

import { streamCsv } from "@/server/csv/stream-csv";
import { toCsvText } from "@/server/csv/csv-field";
import type { TDbClient } from "@/server/db/types";
import type { TDealFilters } from "@/server/domain/deals/deal-filters";
import { DEAL_LIST_SELECT, dealWhere } from "@/server/domain/deals/find-deals";

/** Columns of the export, in order; the header row uses the keys so files are stable across locales. */
const COLUMNS = [
  "externalId", "name", "amount", "currency", "status", "stageGroup", "visitStartAt", "visitEndAt", "crmCreatedAt", "crmModifiedAt",
  "responsibleName", "contactName", "contactPhone", "contactEmail", "isSale", "isOnlineBooking", "paidBySubscription",
] as const;

type TDealRow = Awaited<ReturnType<TDbClient["deal"]["findMany"]>>[number];

const cell = (deal: Pick<TDealRow, keyof typeof DEAL_LIST_SELECT>, column: (typeof COLUMNS)[number]): string =>
  column === "amount" ? (deal.amountMinor / 100).toFixed(2) : toCsvText(deal[column]);

/** Streams the deals of the current filter as CSV lines. */
export function exportDealsCsv(db: TDbClient, { tenantId, filters }: { tenantId: string; filters: TDealFilters }): AsyncGenerator<string> {
  return streamCsv({
    header: COLUMNS,
    fetchBatch: ({ afterId, take }) =>
      db.deal.findMany({ where: { ...dealWhere(tenantId, filters), ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take, select: DEAL_LIST_SELECT }),
    toFields: (deal) => COLUMNS.map((column) => cell(deal, column)),
  });
}

import { toCsvText } from "@/server/csv/csv-field";
import { streamCsv, type TCsvExportRequest, type TCsvValueKind } from "@/server/csv/stream-csv";
import type { TDbClient } from "@/server/db/types";
import type { TDealFilters } from "@/server/domain/deals/deal-filters";
import { DEAL_LIST_SELECT, dealWhere } from "@/server/domain/deals/find-deals";

/** Columns of the export, in order; the header row gives their titles in the reader's language. */
export const DEAL_CSV_COLUMNS = [
  "externalId", "name", "amount", "currency", "status", "stageGroup", "visitStartAt", "visitEndAt", "crmCreatedAt", "crmModifiedAt",
  "responsibleName", "contactName", "contactPhone", "contactEmail", "isSale", "isOnlineBooking", "paidBySubscription",
] as const;

type TDealRow = Awaited<ReturnType<TDbClient["deal"]["findMany"]>>[number];

type TDealCsvColumn = (typeof DEAL_CSV_COLUMNS)[number];

/** Columns whose codes the reader gets in words. */
const CODED_COLUMNS: Partial<Record<TDealCsvColumn, TCsvValueKind>> = {
  status: "visitStatus", stageGroup: "stageGroup", paidBySubscription: "subscription", isSale: "boolean", isOnlineBooking: "boolean",
};

function cell(deal: Pick<TDealRow, keyof typeof DEAL_LIST_SELECT>, column: TDealCsvColumn, request: Pick<TCsvExportRequest<unknown>, "timeZone" | "valueLabel">): string {
  if (column === "amount") return (deal.amountMinor / 100).toFixed(2);
  const text = toCsvText(deal[column], request.timeZone);
  const kind = CODED_COLUMNS[column];
  return kind ? request.valueLabel(kind, text) : text;
}

/** Streams the deals of the current filter as CSV lines. */
export function exportDealsCsv(db: TDbClient, { tenantId, filters, columnTitle, ...request }: TCsvExportRequest<TDealFilters>): AsyncGenerator<string> {
  return streamCsv({
    header: DEAL_CSV_COLUMNS.map(columnTitle),
    fetchBatch: ({ afterId, take }) =>
      db.deal.findMany({ where: { ...dealWhere(tenantId, filters), ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: "asc" }, take, select: DEAL_LIST_SELECT }),
    toFields: (deal) => DEAL_CSV_COLUMNS.map((column) => cell(deal, column, request)),
  });
}

import type { Prisma } from "@generated/prisma/client";

import { toCsvDecimal } from "@/server/csv/csv-dialect";
import { toCsvText } from "@/server/csv/csv-field";
import { streamCsv, type TCsvExportRequest, type TCsvValueKind } from "@/server/csv/stream-csv";
import type { TDbClient } from "@/server/db/types";
import type { TDealFilters, TDealSort } from "@/server/domain/deals/deal-filters";
import { DEAL_LIST_SELECT, dealOrder, dealWhere } from "@/server/domain/deals/find-deals";
import { keysetBatches } from "@/server/domain/lists/keyset-order";
import {
  isTrafficCsvColumn,
  TRAFFIC_CSV_COLUMNS,
  trafficCsvCell,
} from "@/server/domain/lists/traffic-csv";
import {
  loadTrafficReferenceNames,
  withReferenceNames,
} from "@/server/domain/lists/traffic-reference-names";

/** Columns of the export, in order; the header row gives their titles in the reader's language. */
export const DEAL_CSV_COLUMNS = [
  "externalId",
  "name",
  "amount",
  "currency",
  "status",
  "stageGroup",
  "visitStartAt",
  "visitEndAt",
  "crmCreatedAt",
  "crmModifiedAt",
  "responsibleName",
  "contactName",
  "contactPhone",
  "contactEmail",
  "isSale",
  "isOnlineBooking",
  "paidBySubscription",
  ...TRAFFIC_CSV_COLUMNS,
  "attributionRule",
] as const;

/** The listed columns and the one the stage sort reads, which keyset pages continue from. */
const DEAL_EXPORT_SELECT = {
  ...DEAL_LIST_SELECT,
  stageOrder: true,
} as const satisfies Prisma.DealSelect;

type TDealRow = Prisma.DealGetPayload<{ select: typeof DEAL_EXPORT_SELECT }>;
type TNamedDeal = ReturnType<typeof withReferenceNames<TDealRow>>;

type TDealCsvColumn = (typeof DEAL_CSV_COLUMNS)[number];

/** Columns whose codes the reader gets in words. */
const CODED_COLUMNS: Partial<Record<TDealCsvColumn, TCsvValueKind>> = {
  status: "visitStatus",
  stageGroup: "stageGroup",
  paidBySubscription: "subscription",
  isSale: "boolean",
  isOnlineBooking: "boolean",
  attributionRule: "dealAttributionRule",
};

function cell(
  deal: TNamedDeal,
  column: TDealCsvColumn,
  request: Pick<TCsvExportRequest<unknown, unknown>, "timeZone" | "dialect" | "valueLabel">,
): string {
  if (column === "amount") return toCsvDecimal(deal.amountMinor, request.dialect);
  if (isTrafficCsvColumn(column)) return trafficCsvCell(deal, column, request.valueLabel);
  const text = toCsvText(deal[column], request.timeZone);
  const kind = CODED_COLUMNS[column];
  return kind ? request.valueLabel(kind, text) : text;
}

/** Streams the deals of the current filter as CSV lines in the table's order, with names instead of site, source and campaign ids. */
export async function* exportDealsCsv(
  db: TDbClient,
  { tenantId, filters, sort, columnTitle, ...request }: TCsvExportRequest<TDealFilters, TDealSort>,
): AsyncGenerator<string> {
  const names = await loadTrafficReferenceNames(db, { tenantId });
  yield* streamCsv<TDealRow>({
    header: DEAL_CSV_COLUMNS.map(columnTitle),
    separator: request.dialect.separator,
    batches: keysetBatches(
      dealOrder(sort),
      dealWhere(tenantId, filters),
      (page: {
        where: Prisma.DealWhereInput;
        orderBy: Prisma.DealOrderByWithRelationInput[];
        take: number;
      }) => db.deal.findMany({ ...page, select: DEAL_EXPORT_SELECT }),
    ),
    toFields: (deal) => {
      const named = withReferenceNames(deal, names);
      return DEAL_CSV_COLUMNS.map((column) => cell(named, column, request));
    },
  });
}

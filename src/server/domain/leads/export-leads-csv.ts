import type { Prisma } from "@generated/prisma/client";

import { toCsvText } from "@/server/csv/csv-field";
import { streamCsv, type TCsvExportRequest } from "@/server/csv/stream-csv";
import type { TDbClient } from "@/server/db/types";
import { LEAD_LIST_SELECT, leadOrder, leadWhere } from "@/server/domain/leads/find-leads";
import type { TLeadFilters, TLeadSort } from "@/server/domain/leads/lead-filters";
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
export const LEAD_CSV_COLUMNS = [
  "externalId",
  "crmCreatedAt",
  "contactName",
  "contactPhone",
  "contactEmail",
  ...TRAFFIC_CSV_COLUMNS,
  "landingUrl",
  "referrer",
  "attributionRule",
  "yclid",
  "gclid",
  "fbclid",
  "tags",
  "declaredSource",
  "isDuplicate",
  "hasDeal",
] as const;

type TLeadRow = Prisma.LeadGetPayload<{ select: typeof LEAD_LIST_SELECT }>;
type TNamedLead = ReturnType<typeof withReferenceNames<TLeadRow>>;

function cell(
  lead: TNamedLead,
  column: (typeof LEAD_CSV_COLUMNS)[number],
  { timeZone, valueLabel }: Pick<TCsvExportRequest<unknown, unknown>, "timeZone" | "valueLabel">,
): string {
  if (isTrafficCsvColumn(column)) return trafficCsvCell(lead, column, valueLabel);
  switch (column) {
    case "attributionRule":
      return valueLabel("attributionRule", lead.attributionRule);
    case "isDuplicate":
      return valueLabel("boolean", String(lead.duplicateOfId !== null));
    case "hasDeal":
      return valueLabel("boolean", String(lead.dealId !== null));
    default:
      return toCsvText(lead[column], timeZone);
  }
}

/** Streams the leads of the current filter as CSV lines in the table's order, with names instead of site, source and campaign ids. */
export async function* exportLeadsCsv(
  db: TDbClient,
  { tenantId, filters, sort, columnTitle, ...request }: TCsvExportRequest<TLeadFilters, TLeadSort>,
): AsyncGenerator<string> {
  const names = await loadTrafficReferenceNames(db, { tenantId });
  yield* streamCsv<TLeadRow>({
    header: LEAD_CSV_COLUMNS.map(columnTitle),
    separator: request.dialect.separator,
    batches: keysetBatches(
      leadOrder(sort),
      leadWhere(tenantId, filters),
      (page: {
        where: Prisma.LeadWhereInput;
        orderBy: Prisma.LeadOrderByWithRelationInput[];
        take: number;
      }) => db.lead.findMany({ ...page, select: LEAD_LIST_SELECT }),
    ),
    toFields: (lead) => {
      const named = withReferenceNames(lead, names);
      return LEAD_CSV_COLUMNS.map((column) => cell(named, column, request));
    },
  });
}

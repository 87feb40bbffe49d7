import type { Prisma } from "@generated/prisma/client";

import { toCsvText } from "@/server/csv/csv-field";
import { streamCsv, type TCsvExportRequest } from "@/server/csv/stream-csv";
import type { TDbClient } from "@/server/db/types";
import {
  COMMUNICATION_LIST_SELECT,
  communicationWhere,
  leadOrder,
} from "@/server/domain/leads/find-leads";
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
  "kind",
  "externalId",
  "occurredAt",
  "contactName",
  "contactPhone",
  "contactEmail",
  ...TRAFFIC_CSV_COLUMNS,
  "landingUrl",
  "referrer",
  "rule",
  "yclid",
  "gclid",
  "fbclid",
  "tags",
  "declaredSource",
  "isDuplicate",
  "hasDeal",
  "isUniqueCall",
  "isTargetCall",
] as const;

type TLeadRow = Prisma.CommunicationGetPayload<{ select: typeof COMMUNICATION_LIST_SELECT }>;
type TNamedLead = ReturnType<typeof withReferenceNames<TLeadRow>>;

function cell(
  lead: TNamedLead,
  column: (typeof LEAD_CSV_COLUMNS)[number],
  { timeZone, valueLabel }: Pick<TCsvExportRequest<unknown, unknown>, "timeZone" | "valueLabel">,
): string {
  // An unidentified call has no source: the column says so (docs/call-tracking.md §4).
  if (column === "sourceName" && lead.sourceName === null && lead.rule === "unidentified")
    return valueLabel("attributionRule", lead.rule);
  if (isTrafficCsvColumn(column)) return trafficCsvCell(lead, column, valueLabel);
  switch (column) {
    case "kind":
      return valueLabel("communicationKind", lead.kind);
    case "rule":
      return lead.rule === null ? "" : valueLabel("attributionRule", lead.rule);
    case "isDuplicate":
      return lead.kind === "booking"
        ? valueLabel("boolean", String(lead.duplicateOfId !== null))
        : "";
    case "hasDeal":
      return lead.kind === "booking" ? valueLabel("boolean", String(lead.dealId !== null)) : "";
    case "isUniqueCall":
      return lead.isUniqueCall === null ? "" : valueLabel("uniqueCall", String(lead.isUniqueCall));
    case "isTargetCall":
      return lead.isTargetCall === null ? "" : valueLabel("targetCall", String(lead.isTargetCall));
    default:
      return toCsvText(lead[column], timeZone);
  }
}

/** Streams the bookings and incoming calls of the current filter as CSV lines in the table's order, with names instead of site, source and campaign ids. */
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
      communicationWhere(tenantId, filters),
      (page: {
        where: Prisma.CommunicationWhereInput;
        orderBy: Prisma.CommunicationOrderByWithRelationInput[];
        take: number;
      }) => db.communication.findMany({ ...page, select: COMMUNICATION_LIST_SELECT }),
    ),
    toFields: (lead) => {
      const named = withReferenceNames(lead, names);
      return LEAD_CSV_COLUMNS.map((column) => cell(named, column, request));
    },
  });
}

import type { Prisma } from "@generated/prisma/client";

import { toCsvText } from "@/server/csv/csv-field";
import { streamCsv, type TCsvExportRequest } from "@/server/csv/stream-csv";
import type { TDbClient } from "@/server/db/types";
import type { TCallFilters, TCallSort } from "@/server/domain/calls/call-filters";
import {
  CALL_LIST_SELECT,
  callOrder,
  callWhere,
  loadCallNames,
  withCallNames,
} from "@/server/domain/calls/find-calls";
import { keysetBatches } from "@/server/domain/lists/keyset-order";

/** Columns of the export, in order; the header row gives their titles in the reader's language. */
export const CALL_CSV_COLUMNS = [
  "startedAt",
  "direction",
  "status",
  "clientName",
  "clientPhone",
  "companyNumber",
  "employeeName",
  "extension",
  "waitSeconds",
  "talkSeconds",
  "answeredAt",
  "endedAt",
  "rawDisposition",
  "recordingState",
  "isFirstCall",
  "calledBackAt",
] as const;

type TCallRow = Prisma.CallGetPayload<{ select: typeof CALL_LIST_SELECT }>;
export type TNamedCall = ReturnType<typeof withCallNames<TCallRow>>;

/** One exported line's fields: instants on the workspace's clock, coded values in the reader's words, phones in E.164. */
export function callCsvFields(
  call: TNamedCall,
  { timeZone, valueLabel }: Pick<TCsvExportRequest<unknown, unknown>, "timeZone" | "valueLabel">,
): string[] {
  return CALL_CSV_COLUMNS.map((column) => {
    switch (column) {
      case "direction":
        return valueLabel("callDirection", call.direction);
      case "status":
        return valueLabel("callStatus", call.status);
      case "recordingState":
        return valueLabel("recordingState", call.recordingState);
      case "isFirstCall":
        return valueLabel("boolean", String(call.isFirstCall));
      default:
        return toCsvText(call[column], timeZone);
    }
  });
}

/** Each batch of calls with the names of their clients and employees, one lookup per batch. */
async function* namedBatches(
  db: TDbClient,
  tenantId: string,
  batches: AsyncIterable<TCallRow[]>,
): AsyncGenerator<TNamedCall[]> {
  for await (const batch of batches) {
    const names = await loadCallNames(db, { tenantId, calls: batch });
    yield batch.map((call) => withCallNames(call, names));
  }
}

/** Streams the calls of the current filter as CSV lines, in the table's order. */
export function exportCallsCsv(
  db: TDbClient,
  { tenantId, filters, sort, columnTitle, ...request }: TCsvExportRequest<TCallFilters, TCallSort>,
): AsyncGenerator<string> {
  const batches = keysetBatches(
    callOrder(sort),
    callWhere(tenantId, filters),
    (page: {
      where: Prisma.CallWhereInput;
      orderBy: Prisma.CallOrderByWithRelationInput[];
      take: number;
    }) => db.call.findMany({ ...page, select: CALL_LIST_SELECT }),
  );
  return streamCsv<TNamedCall>({
    header: CALL_CSV_COLUMNS.map(columnTitle),
    separator: request.dialect.separator,
    batches: namedBatches(db, tenantId, batches),
    toFields: (call) => callCsvFields(call, request),
  });
}

import type { TCsvDialect } from "@/server/csv/csv-dialect";
import { toCsvField } from "@/server/csv/csv-field";

/** What an export needs besides its rows: whose, which, in what order, on which clock, and the reader's words and spreadsheet. */
export type TCsvExportRequest<TFilters, TSort> = {
  tenantId: string;
  filters: TFilters;
  /** The table's current order: the file lists rows as the table shows them. */
  sort: TSort;
  /** The workspace's time zone: instants are written on its clock, as the tables show them. */
  timeZone: string;
  /** Separator and decimal mark of the reader's spreadsheet. */
  dialect: TCsvDialect;
  /** The header text of a column key, in the reader's language. */
  columnTitle: (column: string) => string;
  /** A coded value (a visit status, a channel, yes/no…) in the reader's language. */
  valueLabel: (kind: TCsvValueKind, value: string) => string;
};

/** The coded values exports translate. */
export type TCsvValueKind =
  | "visitStatus"
  | "stageGroup"
  | "subscription"
  | "channel"
  | "attributionRule"
  | "communicationKind"
  | "uniqueCall"
  | "targetCall"
  | "dealAttributionRule"
  | "callDirection"
  | "callStatus"
  | "recordingState"
  | "boolean";

type TStreamCsvOptions<TRow> = {
  header: readonly string[];
  separator: TCsvDialect["separator"];
  /** The rows in the export's order, a batch at a time (`keysetBatches`). */
  batches: AsyncIterable<TRow[]>;
  /** One text per header column. */
  toFields: (row: TRow) => readonly string[];
};

/** CSV text: a BOM for spreadsheets, the header, then one line per row, one chunk per batch. */
export async function* streamCsv<TRow>({
  header,
  separator,
  batches,
  toFields,
}: TStreamCsvOptions<TRow>): AsyncGenerator<string> {
  const toLine = (fields: readonly string[]) =>
    fields.map((field) => toCsvField(field, separator)).join(separator);
  yield `\uFEFF${toLine(header)}\n`;
  for await (const batch of batches)
    yield batch.map((row) => toLine(toFields(row))).join("\n") + "\n";
}

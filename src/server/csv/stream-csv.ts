import { toCsvField } from "@/server/csv/csv-field";

const BATCH = 1000;

/** What an export needs besides its rows: whose, which, on which clock, and the reader's column titles. */
export type TCsvExportRequest<TFilters> = {
  tenantId: string;
  filters: TFilters;
  /** The workspace's time zone: instants are written on its clock, as the tables show them. */
  timeZone: string;
  /** The header text of a column key, in the reader's language. */
  columnTitle: (column: string) => string;
  /** A coded value (a visit status, a channel, yes/no…) in the reader's language; unknown codes stay as they are. */
  valueLabel: (kind: TCsvValueKind, value: string) => string;
};

/** The coded values exports translate. */
export type TCsvValueKind = "visitStatus" | "stageGroup" | "subscription" | "channel" | "attributionRule" | "boolean";

type TStreamCsvOptions<TRow extends { id: string }> = {
  header: readonly string[];
  /** Up to `take` rows with an id greater than `afterId` (all when undefined), in id order. */
  fetchBatch: (page: { afterId: string | undefined; take: number }) => Promise<TRow[]>;
  /** One text per header column. */
  toFields: (row: TRow) => readonly string[];
};

const toLine = (fields: readonly string[]) => fields.map(toCsvField).join(",");

/**
 * CSV text (a BOM for spreadsheets, the header, then one line per row), keyset-paginated by id so
 * memory stays flat however many rows match.
 */
export async function* streamCsv<TRow extends { id: string }>({ header, fetchBatch, toFields }: TStreamCsvOptions<TRow>): AsyncGenerator<string> {
  yield `\uFEFF${toLine(header)}\n`;
  let afterId: string | undefined;
  for (;;) {
    const batch = await fetchBatch({ afterId, take: BATCH });
    if (batch.length === 0) return;
    yield batch.map((row) => toLine(toFields(row))).join("\n") + "\n";
    afterId = batch[batch.length - 1]?.id;
    if (batch.length < BATCH) return;
  }
}

import type { TrafficChannel } from "@generated/prisma/client";

import type { TCsvExportRequest } from "@/server/csv/stream-csv";
import { UTM_FIELDS } from "@/server/domain/lists/traffic-filters";

/** The export columns saying where a lead or deal is credited, in the order both exports list them. */
export const TRAFFIC_CSV_COLUMNS = [
  "siteName",
  "sourceName",
  "campaignName",
  "channel",
  ...UTM_FIELDS,
] as const;
export type TTrafficCsvColumn = (typeof TRAFFIC_CSV_COLUMNS)[number];

type TNamedTraffic = Record<Exclude<TTrafficCsvColumn, "channel">, string | null> & {
  channel: TrafficChannel | null;
};

const TRAFFIC_COLUMN_SET: ReadonlySet<string> = new Set(TRAFFIC_CSV_COLUMNS);
export const isTrafficCsvColumn = (column: string): column is TTrafficCsvColumn =>
  TRAFFIC_COLUMN_SET.has(column);

/** A traffic column's text: names as they are, the channel in the reader's words, empty for none. */
export function trafficCsvCell(
  row: TNamedTraffic,
  column: TTrafficCsvColumn,
  valueLabel: TCsvExportRequest<unknown, unknown>["valueLabel"],
): string {
  if (column === "channel") return row.channel ? valueLabel("channel", row.channel) : "";
  return row[column] ?? "";
}

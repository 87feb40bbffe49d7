import { toCsvDecimal, type TCsvDialect } from "@/server/csv/csv-dialect";
import { toCsvField } from "@/server/csv/csv-field";

import type { REPORT_COLUMNS } from "./report-columns";
import { figureOf, type TVisibleRow } from "./report-tree";

type TColumn = (typeof REPORT_COLUMNS)[number];

/**
 * The table as the user sees it — its rows in their order, expanded ones included, its columns — as
 * CSV text for the reader's spreadsheet: a BOM, the header, amounts in roubles, ROMI in percent.
 */
export function reportCsv({
  rows,
  columns,
  header,
  labelOf,
  dialect,
}: {
  rows: readonly TVisibleRow[];
  columns: readonly TColumn[];
  header: { level: string; group: string; figures: readonly string[] };
  labelOf: (row: TVisibleRow) => { level: string; group: string };
  dialect: TCsvDialect;
}): string {
  const line = (fields: readonly string[]) =>
    fields.map((field) => toCsvField(field, dialect.separator)).join(dialect.separator);
  const value = (row: TVisibleRow, column: TColumn) => {
    const figure = figureOf(row.node, column.figure);
    if (figure === null) return "";
    if (column.kind === "money") return toCsvDecimal(Math.round(figure), dialect);
    if (column.kind === "ratio")
      return (figure * 100).toFixed(1).replace(".", dialect.decimalSeparator);
    return String(figure);
  };
  const lines = rows.map((row) => {
    const label = labelOf(row);
    return line([label.level, label.group, ...columns.map((column) => value(row, column))]);
  });
  return `\uFEFF${[line([header.level, header.group, ...header.figures]), ...lines].join("\n")}\n`;
}

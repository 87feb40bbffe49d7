import type { TSortableFigure } from "./report-tree";

export type TFigureKind = "count" | "money" | "ratio";

/** The report table's figure columns in order; the CSV has the same ones (issue 11: "exactly what is shown"). */
export const REPORT_COLUMNS: readonly {
  figure: TSortableFigure;
  kind: TFigureKind;
  isCost: boolean;
}[] = [
  { figure: "visits", kind: "count", isCost: false },
  { figure: "bookings", kind: "count", isCost: false },
  { figure: "calls", kind: "count", isCost: false },
  { figure: "newClients", kind: "count", isCost: false },
  { figure: "deals", kind: "count", isCost: false },
  { figure: "wonDeals", kind: "count", isCost: false },
  { figure: "revenueMinor", kind: "money", isCost: false },
  { figure: "averageCheckMinor", kind: "money", isCost: false },
  { figure: "costMinor", kind: "money", isCost: true },
  { figure: "costPerCommunicationMinor", kind: "money", isCost: true },
  { figure: "costPerWonDealMinor", kind: "money", isCost: true },
  { figure: "romi", kind: "ratio", isCost: true },
];

export const columnsFor = (showsCosts: boolean) =>
  REPORT_COLUMNS.filter((column) => showsCosts || !column.isCost);

import {
  columnVisibilityFeature,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type RowData,
  type TableOptions,
} from "@tanstack/react-table";

/**
 * Per-column presentation: `label` names the column in the visibility menu (headers may be
 * components); `isHiddenByDefault` keeps a secondary column out until the user picks it, so the
 * default set fits a laptop screen.
 */
export type TDataTableColumnMeta = {
  label: string;
  align?: "start" | "end";
  isHiddenByDefault?: boolean;
};

/**
 * The features every server-driven table registers. No sorted or paginated row models: the server
 * sorts and pages (conventions C14), the table only keeps the state and renders what it is given.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<TDataTableColumnMeta>(),
});

export type TDataTableFeatures = typeof dataTableFeatures;
export type TDataTableColumns<TRow extends RowData> = TableOptions<
  TDataTableFeatures,
  TRow
>["columns"];

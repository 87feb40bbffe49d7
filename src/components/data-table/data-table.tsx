"use client";

import {
  functionalUpdate,
  useTable,
  type PaginationState,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo, type ReactNode } from "react";

import { ColumnVisibilityMenu } from "@/components/data-table/column-visibility-menu";
import { DataTableBody, type TRowAttributes } from "@/components/data-table/data-table-body";
import {
  dataTableFeatures,
  type TDataTableColumns,
} from "@/components/data-table/data-table-features";
import { DataTableHead } from "@/components/data-table/data-table-head";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { PER_PAGE_OPTIONS } from "@/components/data-table/table-url-params";
import { usePersistedColumnVisibility } from "@/components/data-table/use-persisted-column-visibility";
import { cn } from "@/lib/cn";

export type TDataTableProps<TRow extends RowData> = {
  /** Names the table for assistive technology. */
  label: string;
  /** Keys the remembered column visibility; one id per table, e.g. "deals". */
  tableId: string;
  /** Built with `createColumnHelper<TDataTableFeatures, TRow>()`; keep the array stable (memoize). */
  columns: TDataTableColumns<TRow>;
  /** The current page exactly as the server returned it: already filtered, sorted and paged. */
  rows: readonly TRow[];
  rowCount: number;
  /** The server counts only up to `rowCount` and there are more («100 000+»). */
  isRowCountCapped?: boolean;
  getRowId: (row: TRow) => string;
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  pagination: PaginationState;
  onPaginationChange: (pagination: PaginationState) => void;
  perPageOptions?: readonly number[];
  /** Nothing to show yet (first load). */
  isLoading?: boolean;
  /** The rows shown belong to the previous request while the next one loads. */
  isStale?: boolean;
  emptyState: ReactNode;
  /** Left of the toolbar, e.g. how many rows matched. */
  summary?: ReactNode;
  /** Rendered next to the columns menu (export, bulk actions). */
  actions?: ReactNode;
  selectedRowId?: string | null;
  onRowClick?: (row: TRow) => void;
  getRowAttributes?: (row: TRow) => TRowAttributes;
  testId?: string;
};

/** A column's id as the table derives it: the explicit one, else its accessor key. */
const columnIdOf = <TRow extends RowData>(column: TDataTableColumns<TRow>[number]) =>
  column.id ?? ("accessorKey" in column ? String(column.accessorKey) : undefined);

/** The columns a table hides until the user picks them, keyed by column id. */
const hiddenByDefault = <TRow extends RowData>(columns: TDataTableColumns<TRow>) =>
  Object.fromEntries(
    columns
      .filter((column) => column.meta?.isHiddenByDefault)
      .map((column) => [columnIdOf(column), false]),
  );

/**
 * A server-driven table (conventions C14): sorting and pagination are controlled by the caller,
 * which fetches the matching page; the table renders it and reports what the user asked for.
 */
export function DataTable<TRow extends RowData>(props: TDataTableProps<TRow>) {
  const t = useTranslations("table");
  const defaultVisibility = useMemo(() => hiddenByDefault(props.columns), [props.columns]);
  const [columnVisibility, setColumnVisibility] = usePersistedColumnVisibility(
    props.tableId,
    defaultVisibility,
  );
  const table = useTable({
    features: dataTableFeatures,
    columns: props.columns,
    data: props.rows,
    getRowId: props.getRowId,
    rowCount: props.rowCount,
    manualSorting: true,
    manualPagination: true,
    // The server sorts by one field and always by some field.
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting: props.sorting, pagination: props.pagination, columnVisibility },
    onSortingChange: (updater) => props.onSortingChange(functionalUpdate(updater, props.sorting)),
    onPaginationChange: (updater) =>
      props.onPaginationChange(functionalUpdate(updater, props.pagination)),
    onColumnVisibilityChange: setColumnVisibility,
  });
  const toggles = table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .map((column) => ({
      id: column.id,
      label: column.columnDef.meta?.label ?? column.id,
      isVisible: column.getIsVisible(),
    }));

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5">
        <div className="flex-1 text-sm text-slate-600">{props.summary}</div>
        {props.actions}
        <ColumnVisibilityMenu
          columns={toggles}
          onToggle={(id, isVisible) =>
            setColumnVisibility((current) => ({ ...current, [id]: isVisible }))
          }
          onShowAll={() =>
            setColumnVisibility(Object.fromEntries(toggles.map((toggle) => [toggle.id, true])))
          }
        />
      </div>
      <div className="overflow-x-auto">
        <table
          aria-label={props.label}
          aria-busy={props.isLoading || props.isStale}
          data-testid={props.testId}
          className={cn("w-full text-sm transition-opacity", props.isStale ? "opacity-60" : "")}
        >
          <DataTableHead table={table} />
          <DataTableBody
            table={table}
            isLoading={props.isLoading ?? false}
            loadingText={t("loading")}
            emptyState={props.emptyState}
            selectedRowId={props.selectedRowId}
            onRowClick={props.onRowClick}
            getRowAttributes={props.getRowAttributes}
          />
        </table>
      </div>
      <DataTablePagination
        pageIndex={props.pagination.pageIndex}
        pageCount={table.getPageCount()}
        pageSize={props.pagination.pageSize}
        rowCount={props.rowCount}
        isRowCountCapped={props.isRowCountCapped ?? false}
        perPageOptions={props.perPageOptions ?? PER_PAGE_OPTIONS}
        canPrevious={table.getCanPreviousPage()}
        canNext={table.getCanNextPage()}
        onPrevious={() => table.previousPage()}
        onNext={() => table.nextPage()}
        onPageSizeChange={(pageSize) => table.setPageSize(pageSize)}
      />
    </div>
  );
}

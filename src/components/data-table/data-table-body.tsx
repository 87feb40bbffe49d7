"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import type { KeyboardEvent, ReactNode } from "react";

import type {
  TDataTableColumnMeta,
  TDataTableFeatures,
} from "@/components/data-table/data-table-features";
import { cn } from "@/lib/cn";

export type TRowAttributes = Partial<Record<`data-${string}`, string>>;

type TDataTableBodyProps<TRow extends RowData> = {
  table: ReactTable<TDataTableFeatures, TRow>;
  isLoading: boolean;
  loadingText: string;
  emptyState: ReactNode;
  selectedRowId?: string | null;
  onRowClick?: (row: TRow) => void;
  getRowAttributes?: (row: TRow) => TRowAttributes;
};

/**
 * Text wraps at spaces so the default columns share a laptop screen; figures (end-aligned) stay on
 * one line, and so does a cell that says so itself (a phone).
 */
const cellLayoutClass = (meta: TDataTableColumnMeta | undefined) =>
  meta?.align === "end" ? "whitespace-nowrap text-right tabular-nums" : "";

/** Rows of the current page, or one full-width line while loading or when nothing matched. */
export function DataTableBody<TRow extends RowData>({
  table,
  isLoading,
  loadingText,
  emptyState,
  selectedRowId,
  onRowClick,
  getRowAttributes,
}: TDataTableBodyProps<TRow>) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  if (rows.length === 0) {
    return (
      <tbody>
        <tr>
          <td colSpan={columnCount} className="px-4 py-12 text-center text-sm text-slate-500">
            {isLoading ? loadingText : emptyState}
          </td>
        </tr>
      </tbody>
    );
  }
  const activate = (row: TRow) => onRowClick?.(row);
  const activateByKey = (event: KeyboardEvent, row: TRow) => {
    if (event.target !== event.currentTarget || (event.key !== "Enter" && event.key !== " "))
      return;
    event.preventDefault();
    activate(row);
  };
  return (
    <tbody className="divide-y divide-slate-100">
      {rows.map((row) => (
        <tr
          key={row.id}
          {...getRowAttributes?.(row.original)}
          aria-selected={onRowClick ? row.id === selectedRowId : undefined}
          tabIndex={onRowClick ? 0 : undefined}
          onClick={onRowClick ? () => activate(row.original) : undefined}
          onKeyDown={onRowClick ? (event) => activateByKey(event, row.original) : undefined}
          className={cn(
            "align-top",
            onRowClick
              ? "cursor-pointer hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:outline-none"
              : "",
            row.id === selectedRowId ? "bg-brand-50/70 hover:bg-brand-50" : "",
          )}
        >
          {row.getVisibleCells().map((cell) => (
            <td
              key={cell.id}
              data-column={cell.column.id}
              className={cn(
                "px-3 py-3 text-slate-700",
                cellLayoutClass(cell.column.columnDef.meta),
              )}
            >
              <table.FlexRender cell={cell} />
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

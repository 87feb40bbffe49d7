"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";

import type { TDataTableFeatures } from "@/components/data-table/data-table-features";
import { SortIndicator } from "@/components/data-table/sort-indicator";
import { cn } from "@/lib/cn";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/** Column headers; a sortable one is a button that asks for the next server sort. */
export function DataTableHead<TRow extends RowData>({
  table,
}: {
  table: ReactTable<TDataTableFeatures, TRow>;
}) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50/80 text-xs uppercase text-slate-500">
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const { column } = header;
            const direction = column.getIsSorted();
            const isEnd = column.columnDef.meta?.align === "end";
            return (
              <th
                key={header.id}
                scope="col"
                aria-sort={
                  column.getCanSort() ? (direction ? ARIA_SORT[direction] : "none") : undefined
                }
                className={cn("px-3 py-3 font-medium", isEnd ? "text-right" : "text-left")}
              >
                {header.isPlaceholder ? null : column.getCanSort() ? (
                  <button
                    type="button"
                    onClick={column.getToggleSortingHandler()}
                    className={cn(
                      "inline-flex items-center gap-1.5 uppercase hover:text-slate-900",
                      direction ? "text-slate-900" : "",
                      isEnd ? "flex-row-reverse" : "",
                    )}
                  >
                    <table.FlexRender header={header} />
                    <SortIndicator direction={direction} />
                  </button>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

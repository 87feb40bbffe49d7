import type { SortingState } from "@tanstack/react-table";

import type { TSortDirection } from "@/components/data-table/table-url-params";

type TSort<TField extends string> = { field: TField; direction: TSortDirection };

export type TTableSorting<TField extends string> = {
  toTableSorting: (sort: TSort<TField>) => SortingState;
  fromTableSorting: (sorting: SortingState) => TSort<TField>;
};

/**
 * Converts between a page's server sort (one field) and the table's sorting state (column ids).
 * `fieldByColumn` lists the sortable columns; anything else sorts by `fallback`.
 */
export function tableSortingFor<TField extends string>(
  fieldByColumn: Readonly<Record<string, TField>>,
  fallback: TSort<TField>,
): TTableSorting<TField> {
  const columnOf = (field: TField) =>
    Object.keys(fieldByColumn).find((id) => fieldByColumn[id] === field);
  const toTableSorting = (sort: TSort<TField>): SortingState => [
    {
      id: columnOf(sort.field) ?? columnOf(fallback.field) ?? fallback.field,
      desc: sort.direction === "desc",
    },
  ];
  const fromTableSorting = (sorting: SortingState): TSort<TField> => {
    const [first] = sorting;
    const field = first ? fieldByColumn[first.id] : undefined;
    return first && field ? { field, direction: first.desc ? "desc" : "asc" } : fallback;
  };
  return { toTableSorting, fromTableSorting };
}

"use client";

import type { PaginationState, SortingState } from "@tanstack/react-table";
import { useCallback, useEffect, useMemo } from "react";

import type { TTableSorting } from "@/components/data-table/table-sorting";
import {
  PER_PAGE_OPTIONS,
  type TCommonTableState,
  type TPerPage,
} from "@/components/data-table/table-url-params";

/** One page of rows as the list procedures return it. */
type TServerPage<TRow> = {
  data: TRow[];
  count: number;
  totalPages: number;
  isCountCapped?: boolean;
};

type TServerTableOptions<TRow, TSortField extends string> = {
  list: { data?: TServerPage<TRow>; isPlaceholderData: boolean };
  state: Pick<TCommonTableState<TSortField>, "page" | "perPage" | "sort">;
  update: (
    patch: Partial<Pick<TCommonTableState<TSortField>, "page" | "perPage" | "sort">>,
  ) => void;
  sortingFor: TTableSorting<TSortField>;
};

/**
 * The `DataTable` props of a server-paged list kept in the URL: the page of rows, the sorting and
 * the pagination. A new sort or page size starts at page 1.
 */
export function useServerTable<TRow, TSortField extends string>({
  list,
  state,
  update,
  sortingFor,
}: TServerTableOptions<TRow, TSortField>) {
  const { page, perPage, sort } = state;
  const totalPages = list.isPlaceholderData ? undefined : list.data?.totalPages;

  // A bookmarked page past the end (rows deleted since) lands on the last page instead of an empty one.
  useEffect(() => {
    if (totalPages !== undefined && page > totalPages) update({ page: totalPages });
  }, [page, totalPages, update]);

  const sorting = useMemo(() => sortingFor.toTableSorting(sort), [sortingFor, sort]);
  const onSortingChange = useCallback(
    (next: SortingState) => update({ sort: sortingFor.fromTableSorting(next), page: 1 }),
    [sortingFor, update],
  );
  const pagination = useMemo(() => ({ pageIndex: page - 1, pageSize: perPage }), [page, perPage]);
  const onPaginationChange = useCallback(
    (next: PaginationState) => {
      const nextPerPage: TPerPage =
        PER_PAGE_OPTIONS.find((option) => option === next.pageSize) ?? perPage;
      update(
        nextPerPage !== perPage ? { perPage: nextPerPage, page: 1 } : { page: next.pageIndex + 1 },
      );
    },
    [perPage, update],
  );

  return {
    rows: list.data?.data ?? [],
    rowCount: list.data?.count ?? 0,
    isRowCountCapped: list.data?.isCountCapped,
    isStale: list.isPlaceholderData,
    sorting,
    onSortingChange,
    pagination,
    onPaginationChange,
    perPageOptions: PER_PAGE_OPTIONS,
  };
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PaginationState } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useEffect, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { LiveIndicator } from "@/components/data-table/live-indicator";
import { EmptyState } from "@/components/empty-state";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";
import { DealDrawer } from "./deal-drawer";
import { DealFiltersBar } from "./deal-filters-bar";
import type { TDealRow } from "./deal-types";
import { DealsExportLink } from "./deals-export-link";
import { fromTableSorting, toDealListRequest, toTableSorting } from "./deals-request";
import { clearDealFilters, hasActiveDealFilters, PER_PAGE_OPTIONS } from "./deals-url-state";
import { useDealColumns } from "./use-deal-columns";
import { useDealsUrlState } from "./use-deals-url-state";

/** New and changed deals appear without a reload; polling pauses while the tab is hidden. */
const LIVE_REFRESH_MS = 5_000;

const getDealId = (deal: TDealRow) => deal.id;
const getDealRowAttributes = (deal: TDealRow) => ({ "data-testid": "deal-row", "data-deal-external-id": deal.externalId, "data-stage": deal.status });

/** The deals page body: the empty state for a workspace without deals, otherwise filters, table and drawer. */
export function DealsView({ slug, timeZone }: { slug: string; timeZone: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const { state, update } = useDealsUrlState();
  const request = useMemo(() => toDealListRequest(state, timeZone), [state, timeZone]);
  const list = useQuery(trpc.deals.list.queryOptions(request, { refetchInterval: LIVE_REFRESH_MS, refetchIntervalInBackground: false, placeholderData: keepPreviousData }));
  const filterOptions = useQuery(trpc.deals.filterOptions.queryOptions());
  const columns = useDealColumns(timeZone);
  const sorting = useMemo(() => toTableSorting(state.sort), [state.sort]);
  const pagination = useMemo(() => ({ pageIndex: state.page - 1, pageSize: state.perPage }), [state.page, state.perPage]);
  const isFiltered = hasActiveDealFilters(state);
  const totalPages = list.isPlaceholderData ? undefined : list.data?.totalPages;

  // A bookmarked page past the end (deals deleted since) lands on the last page instead of an empty one.
  useEffect(() => {
    if (totalPages !== undefined && state.page > totalPages) update({ page: totalPages });
  }, [state.page, totalPages, update]);

  if (!list.data) {
    return list.isError ? <FormError message={formError(list.error)} /> : <p className="py-12 text-center text-sm text-slate-500">{t("table.loading")}</p>;
  }
  if (!isFiltered && list.data.count === 0) {
    return <EmptyState title={t("empty.dealsTitle")} text={t("empty.dealsText")} action={{ href: `/w/${slug}/settings/integrations/klientiks`, label: t("empty.goKlientiks") }} />;
  }

  const changePagination = (next: PaginationState) => {
    const perPage = PER_PAGE_OPTIONS.find((option) => option === next.pageSize) ?? state.perPage;
    update(perPage !== state.perPage ? { perPage, page: 1 } : { page: next.pageIndex + 1 });
  };

  return (
    <div className="space-y-4">
      <DealFiltersBar state={state} options={filterOptions.data} isFiltered={isFiltered} onChange={(patch) => update({ ...patch, page: 1 })} onReset={() => update(clearDealFilters(state))} />
      <FormError message={formError(list.error)} />
      <DataTable
        label={t("nav.deals")}
        tableId="deals"
        testId="deals-table"
        columns={columns}
        rows={list.data.data}
        rowCount={list.data.count}
        isRowCountCapped={list.data.isCountCapped}
        getRowId={getDealId}
        sorting={sorting}
        onSortingChange={(next) => update({ sort: fromTableSorting(next), page: 1 })}
        pagination={pagination}
        onPaginationChange={changePagination}
        perPageOptions={PER_PAGE_OPTIONS}
        isStale={list.isPlaceholderData}
        emptyState={<span>{t("deals.noResults")}</span>}
        summary={<LiveIndicator label={t("deals.live")} />}
        actions={<DealsExportLink slug={slug} filters={request.filters} />}
        selectedRowId={state.dealId}
        onRowClick={(deal) => update({ dealId: deal.id })}
        getRowAttributes={getDealRowAttributes}
      />
      {state.dealId ? <DealDrawer key={state.dealId} dealId={state.dealId} timeZone={timeZone} onClose={() => update({ dealId: null })} /> : null}
    </div>
  );
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { DataTable } from "@/components/data-table/data-table";
import { ExportCsvLink } from "@/components/data-table/export-csv-link";
import { LiveIndicator } from "@/components/data-table/live-indicator";
import { LoadState } from "@/components/data-table/load-state";
import { useServerTable } from "@/components/data-table/use-server-table";
import { useUrlState } from "@/components/data-table/use-url-state";
import { EmptyState } from "@/components/empty-state";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { DealDrawer } from "./deal-drawer";
import { DealFiltersBar } from "./deal-filters-bar";
import type { TDealRow } from "./deal-types";
import { dealsExportHref, dealTableSorting, toDealListRequest } from "./deals-request";
import {
  clearDealFilters,
  hasActiveDealFilters,
  parseDealsUrlState,
  serializeDealsUrlState,
} from "./deals-url-state";
import { useDealColumns } from "./use-deal-columns";

/** New and changed deals appear without a reload; polling pauses while the tab is hidden. */
const LIVE_REFRESH_MS = 5_000;

const getDealId = (deal: TDealRow) => deal.id;
const getDealRowAttributes = (deal: TDealRow) => ({
  "data-testid": "deal-row",
  "data-deal-external-id": deal.externalId,
  "data-stage": deal.status,
});

/** The deals page body: the empty state for a workspace without deals, otherwise filters, table and drawer. */
export function DealsView({ slug, timeZone }: { slug: string; timeZone: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const { state, update } = useUrlState(parseDealsUrlState, serializeDealsUrlState);
  const request = useMemo(() => toDealListRequest(state, timeZone), [state, timeZone]);
  const list = useQuery(
    trpc.deals.list.queryOptions(request, {
      refetchInterval: LIVE_REFRESH_MS,
      refetchIntervalInBackground: false,
      placeholderData: keepPreviousData,
    }),
  );
  const filterOptions = useQuery(trpc.deals.filterOptions.queryOptions());
  const columns = useDealColumns(timeZone);
  const table = useServerTable({ list, state, update, sortingFor: dealTableSorting });
  const isFiltered = hasActiveDealFilters(state);

  if (!list.data)
    return (
      <LoadState
        error={list.error}
        loadingText={t("table.loading")}
        className="py-12 text-center"
      />
    );
  if (!isFiltered && list.data.count === 0) {
    return (
      <EmptyState
        title={t("empty.dealsTitle")}
        text={t("empty.dealsText")}
        action={{
          href: `/w/${slug}/settings/integrations/klientiks`,
          label: t("empty.goKlientiks"),
        }}
      />
    );
  }

  return (
    <div className="space-y-4">
      <DealFiltersBar
        state={state}
        timeZone={timeZone}
        options={filterOptions.data}
        isFiltered={isFiltered}
        onChange={(patch) => update({ ...patch, page: 1 })}
        onReset={() => update(clearDealFilters(state))}
      />
      <FormError message={formError(list.error)} />
      <DataTable
        {...table}
        label={t("nav.deals")}
        tableId="deals"
        testId="deals-table"
        columns={columns}
        getRowId={getDealId}
        emptyState={<span>{t("deals.noResults")}</span>}
        summary={<LiveIndicator label={t("deals.live")} />}
        actions={<ExportCsvLink href={dealsExportHref(slug, request)} label={t("deals.export")} />}
        selectedRowId={state.dealId}
        onRowClick={(deal) => update({ dealId: deal.id })}
        getRowAttributes={getDealRowAttributes}
      />
      {state.dealId ? (
        <DealDrawer
          key={state.dealId}
          dealId={state.dealId}
          slug={slug}
          timeZone={timeZone}
          onClose={() => update({ dealId: null })}
        />
      ) : null}
    </div>
  );
}

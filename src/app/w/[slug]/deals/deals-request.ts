import { createdRange, csvExportHref, nonEmpty } from "@/components/data-table/table-request";
import { tableSortingFor } from "@/components/data-table/table-sorting";
import { toUtmFilters } from "@/components/data-table/utm-url-params";
import type { TDealFilters, TDealListRequest } from "@/server/domain/deals/deal-filters";

import { DEFAULT_DEALS_URL_STATE, type TDealsUrlState } from "./deals-url-state";

type TSortField = TDealsUrlState["sort"]["field"];

/** Table column ids of the sortable columns and the server field each sorts by. */
export const SORT_FIELD_BY_COLUMN: Readonly<Record<string, TSortField>> = {
  name: "name",
  amountMinor: "amountMinor",
  stage: "stageOrder",
  visitStartAt: "visitStartAt",
  crmCreatedAt: "crmCreatedAt",
};

const toKopecks = (roubles: number | null) =>
  roubles === null ? undefined : Math.round(roubles * 100);

/** The server filters of a URL state. */
export function toDealFilters(state: TDealsUrlState, timeZone: string): TDealFilters {
  return {
    ...createdRange(state.createdFrom, state.createdTo, timeZone),
    stages: nonEmpty(state.stages),
    stageGroups: nonEmpty(state.stageGroups),
    responsibleIds: nonEmpty(state.responsibleIds),
    sourceIds: nonEmpty(state.sourceIds),
    campaignIds: nonEmpty(state.campaignIds),
    channels: nonEmpty(state.channels),
    attributionRules: nonEmpty(state.attributionRules),
    ...toUtmFilters(state),
    amountMin: toKopecks(state.amountMin),
    amountMax: toKopecks(state.amountMax),
    search: state.search || undefined,
    includeSales: state.includeSales,
  };
}

export const toDealListRequest = (state: TDealsUrlState, timeZone: string): TDealListRequest => ({
  page: state.page,
  perPage: state.perPage,
  sort: state.sort,
  filters: toDealFilters(state, timeZone),
});

export const dealsExportHref = (
  slug: string,
  request: Pick<TDealListRequest, "filters" | "sort">,
): string => csvExportHref("deals", slug, request);

export const dealTableSorting = tableSortingFor(SORT_FIELD_BY_COLUMN, DEFAULT_DEALS_URL_STATE.sort);
export const { toTableSorting, fromTableSorting } = dealTableSorting;

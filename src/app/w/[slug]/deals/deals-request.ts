import type { SortingState } from "@tanstack/react-table";
import { startOfZonedDay } from "@/lib/zoned-day";
import type { TDealFilters, TDealListRequest } from "@/server/domain/deals/deal-filters";
import { DEFAULT_DEALS_URL_STATE, type TDealsUrlState } from "./deals-url-state";

type TSortField = TDealsUrlState["sort"]["field"];

/** Table column ids of the sortable columns and the server field each sorts by. */
export const SORT_FIELD_BY_COLUMN: Readonly<Record<string, TSortField>> = {
  name: "name", amountMinor: "amountMinor", stage: "stageOrder", visitStartAt: "visitStartAt", crmCreatedAt: "crmCreatedAt",
};

const toKopecks = (roubles: number | null) => (roubles === null ? undefined : Math.round(roubles * 100));
const nonEmpty = <T>(values: T[]) => (values.length > 0 ? values : undefined);

/**
 * The server filters of a URL state. Days are whole days of the workspace time zone: «to» includes
 * its day, so the bound sent is the start of the next one (the server compares with `<`).
 */
export function toDealFilters(state: TDealsUrlState, timeZone: string): TDealFilters {
  return {
    createdFrom: state.createdFrom ? (startOfZonedDay(state.createdFrom, timeZone) ?? undefined) : undefined,
    createdTo: state.createdTo ? (startOfZonedDay(state.createdTo, timeZone, 1) ?? undefined) : undefined,
    stages: nonEmpty(state.stages),
    stageGroups: nonEmpty(state.stageGroups),
    responsibleIds: nonEmpty(state.responsibleIds),
    amountMin: toKopecks(state.amountMin),
    amountMax: toKopecks(state.amountMax),
    search: state.search || undefined,
    includeSales: state.includeSales,
  };
}

export const toDealListRequest = (state: TDealsUrlState, timeZone: string): TDealListRequest => ({
  page: state.page, perPage: state.perPage, sort: state.sort, filters: toDealFilters(state, timeZone),
});

/** The CSV export of the current filter (served by `/api/export/deals`); dates travel as ISO strings. */
export const dealsExportHref = (slug: string, filters: TDealFilters): string =>
  `/api/export/deals?slug=${encodeURIComponent(slug)}&filters=${encodeURIComponent(JSON.stringify(filters))}`;

export const toTableSorting = (sort: TDealsUrlState["sort"]): SortingState => {
  const columnId = Object.keys(SORT_FIELD_BY_COLUMN).find((id) => SORT_FIELD_BY_COLUMN[id] === sort.field) ?? "crmCreatedAt";
  return [{ id: columnId, desc: sort.direction === "desc" }];
};

export const fromTableSorting = (sorting: SortingState): TDealsUrlState["sort"] => {
  const [first] = sorting;
  const field = first ? SORT_FIELD_BY_COLUMN[first.id] : undefined;
  return first && field ? { field, direction: first.desc ? "desc" : "asc" } : DEFAULT_DEALS_URL_STATE.sort;
};

import { createdRange, csvExportHref, nonEmpty } from "@/components/data-table/table-request";
import { tableSortingFor } from "@/components/data-table/table-sorting";
import type { TCallFilters, TCallListRequest } from "@/server/domain/calls/call-filters";

import { DEFAULT_CALLS_URL_STATE, type TCallsUrlState } from "./calls-url-state";

/** The server filters of a URL state; the period is whole days of the workspace. */
export function toCallFilters(state: TCallsUrlState, timeZone: string): TCallFilters {
  return {
    ...createdRange(state.createdFrom, state.createdTo, timeZone),
    directions: nonEmpty(state.directions),
    statuses: nonEmpty(state.statuses),
    missedNotCalledBack: state.missedNotCalledBack || undefined,
    membershipIds: nonEmpty(state.membershipIds),
    hasRecording: state.hasRecording ?? undefined,
    isFirstCall: state.isFirstCall ?? undefined,
    search: state.search || undefined,
  };
}

export const toCallListRequest = (state: TCallsUrlState, timeZone: string): TCallListRequest => ({
  page: state.page,
  perPage: state.perPage,
  sort: state.sort,
  filters: toCallFilters(state, timeZone),
});

export const callsExportHref = (
  slug: string,
  request: Pick<TCallListRequest, "filters" | "sort">,
): string => csvExportHref("calls", slug, request);

/** Only the time column sorts: it is the order the indexes hold (call-filters.ts). */
export const callTableSorting = tableSortingFor(
  { startedAt: "startedAt" },
  DEFAULT_CALLS_URL_STATE.sort,
);

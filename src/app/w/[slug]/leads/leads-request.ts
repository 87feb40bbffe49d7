import { createdRange, csvExportHref, nonEmpty } from "@/components/data-table/table-request";
import { tableSortingFor } from "@/components/data-table/table-sorting";
import { toUtmFilters } from "@/components/data-table/utm-url-params";
import type { TLeadFilters, TLeadListRequest } from "@/server/domain/leads/lead-filters";

import { DEFAULT_LEADS_URL_STATE, type TLeadsUrlState } from "./leads-url-state";

type TSortField = TLeadsUrlState["sort"]["field"];

/** Table column ids of the sortable columns and the server field each sorts by. */
export const SORT_FIELD_BY_COLUMN: Readonly<Record<string, TSortField>> = {
  occurredAt: "occurredAt",
  contactName: "contactName",
};

const IS_DUPLICATE: Record<TLeadsUrlState["duplicates"], boolean | undefined> = {
  all: undefined,
  duplicates: true,
  originals: false,
};

const IS_UNIQUE_CALL: Record<TLeadsUrlState["uniqueCalls"], boolean | undefined> = {
  all: undefined,
  unique: true,
  repeat: false,
};

const IS_TARGET_CALL: Record<TLeadsUrlState["targetCalls"], boolean | undefined> = {
  all: undefined,
  target: true,
  nonTarget: false,
};

/** The server filters of a URL state. */
export function toLeadFilters(state: TLeadsUrlState, timeZone: string): TLeadFilters {
  return {
    ...createdRange(state.createdFrom, state.createdTo, timeZone),
    kinds: nonEmpty(state.kinds),
    siteIds: nonEmpty(state.siteIds),
    sourceIds: nonEmpty(state.sourceIds),
    campaignIds: nonEmpty(state.campaignIds),
    channels: nonEmpty(state.channels),
    ...toUtmFilters(state),
    rules: nonEmpty(state.rules),
    isDuplicate: IS_DUPLICATE[state.duplicates],
    isUniqueCall: IS_UNIQUE_CALL[state.uniqueCalls],
    isTargetCall: IS_TARGET_CALL[state.targetCalls],
    search: state.search || undefined,
  };
}

export const toLeadListRequest = (state: TLeadsUrlState, timeZone: string): TLeadListRequest => ({
  page: state.page,
  perPage: state.perPage,
  sort: state.sort,
  filters: toLeadFilters(state, timeZone),
});

export const leadsExportHref = (
  slug: string,
  request: Pick<TLeadListRequest, "filters" | "sort">,
): string => csvExportHref("leads", slug, request);

export const leadTableSorting = tableSortingFor(SORT_FIELD_BY_COLUMN, DEFAULT_LEADS_URL_STATE.sort);
export const { toTableSorting, fromTableSorting } = leadTableSorting;

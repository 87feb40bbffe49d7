import { z } from "zod";

import {
  DEFAULT_COMMON_STATE,
  hasCommonFilters,
  idParam,
  listParam,
  readCommonTableState,
  writeCommonTableState,
  ZIdParam,
  type TCommonTableState,
} from "@/components/data-table/table-url-params";
import {
  DEFAULT_UTM_FILTER_STATE,
  hasUtmFilters,
  readUtmFilters,
  writeUtmFilters,
  type TUtmFilterState,
} from "@/components/data-table/utm-url-params";
import { LEAD_ATTRIBUTION_RULES, type TLeadListRequest } from "@/server/domain/leads/lead-filters";

type TLeadSortField = TLeadListRequest["sort"]["field"];
export type TLeadAttributionRule = (typeof LEAD_ATTRIBUTION_RULES)[number];

/** The sort fields offered in the table (a subset of what the server accepts). */
export const LEAD_SORT_FIELDS = [
  "crmCreatedAt",
  "contactName",
] as const satisfies readonly TLeadSortField[];
/** «Duplicate» filter: every lead, only repeat bookings, or only first bookings. */
export const DUPLICATE_FILTERS = ["all", "duplicates", "originals"] as const;

/** What the leads page keeps in its URL: one source of truth for filters, sort, page and the open lead. */
export type TLeadsUrlState = TCommonTableState<(typeof LEAD_SORT_FIELDS)[number]> &
  TUtmFilterState & {
    siteIds: string[];
    sourceIds: string[];
    campaignIds: string[];
    rules: TLeadAttributionRule[];
    duplicates: (typeof DUPLICATE_FILTERS)[number];
    leadId: string | null;
  };

export const DEFAULT_LEADS_URL_STATE: TLeadsUrlState = {
  ...DEFAULT_COMMON_STATE,
  sort: { field: "crmCreatedAt", direction: "desc" },
  siteIds: [],
  sourceIds: [],
  campaignIds: [],
  ...DEFAULT_UTM_FILTER_STATE,
  rules: [],
  duplicates: "all",
  leadId: null,
};

const PARAM = {
  siteIds: "site",
  sourceIds: "source",
  campaignIds: "campaign",
  rules: "rule",
  duplicates: "dup",
  leadId: "lead",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZSortField = z.enum(LEAD_SORT_FIELDS).catch(DEFAULT_LEADS_URL_STATE.sort.field);
const ZRule = z.enum(LEAD_ATTRIBUTION_RULES);
const ZDuplicates = z.enum(DUPLICATE_FILTERS).catch(DEFAULT_LEADS_URL_STATE.duplicates);

export function parseLeadsUrlState(params: URLSearchParams): TLeadsUrlState {
  return {
    ...readCommonTableState(params, ZSortField),
    siteIds: listParam(params.getAll(PARAM.siteIds), ZIdParam),
    sourceIds: listParam(params.getAll(PARAM.sourceIds), ZIdParam),
    campaignIds: listParam(params.getAll(PARAM.campaignIds), ZIdParam),
    ...readUtmFilters(params),
    rules: listParam(params.getAll(PARAM.rules), ZRule),
    duplicates: ZDuplicates.parse(params.get(PARAM.duplicates)),
    leadId: idParam(params.get(PARAM.leadId)),
  };
}

const LIST_KEYS = [
  "siteIds",
  "sourceIds",
  "campaignIds",
  "rules",
] as const satisfies readonly (keyof TLeadsUrlState)[];

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeLeadsUrlState(state: TLeadsUrlState): string {
  const params = new URLSearchParams();
  writeCommonTableState(params, state, DEFAULT_LEADS_URL_STATE.sort);
  LIST_KEYS.forEach((key) => state[key].forEach((item) => params.append(PARAM[key], item)));
  writeUtmFilters(params, state);
  if (state.duplicates !== DEFAULT_LEADS_URL_STATE.duplicates)
    params.set(PARAM.duplicates, state.duplicates);
  if (state.leadId) params.set(PARAM.leadId, state.leadId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open lead do not). */
export const hasActiveLeadFilters = (state: TLeadsUrlState): boolean =>
  hasCommonFilters(state) ||
  state.duplicates !== "all" ||
  hasUtmFilters(state) ||
  LIST_KEYS.some((key) => state[key].length > 0);

/** The same state with every filter cleared and the first page. */
export const clearLeadFilters = (state: TLeadsUrlState): TLeadsUrlState => ({
  ...DEFAULT_LEADS_URL_STATE,
  perPage: state.perPage,
  sort: state.sort,
  leadId: state.leadId,
});

/** The leads page with one lead's drawer open (links from the deal drawer's credited lead). */
export const leadPageHref = (slug: string, leadId: string): string =>
  `/w/${encodeURIComponent(slug)}/leads?${serializeLeadsUrlState({ ...DEFAULT_LEADS_URL_STATE, leadId })}`;

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
/** The UTM tags the table filters by (the server also takes content and term). */
export const UTM_FILTER_FIELDS = [
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "utmTerm",
] as const;
export type TUtmFilterField = (typeof UTM_FILTER_FIELDS)[number];

/** What the server accepts per UTM filter. */
const MAX_UTM_VALUES = 50;
const MAX_UTM_LENGTH = 256;

/** What the leads page keeps in its URL: one source of truth for filters, sort, page and the open lead. */
export type TLeadsUrlState = TCommonTableState<(typeof LEAD_SORT_FIELDS)[number]> & {
  siteIds: string[];
  sourceIds: string[];
  campaignIds: string[];
  /** Exact tag values, as the visitor's link carried them. */
  utmSource: string[];
  utmMedium: string[];
  utmCampaign: string[];
  utmContent: string[];
  utmTerm: string[];
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
  utmSource: [],
  utmMedium: [],
  utmCampaign: [],
  utmContent: [],
  utmTerm: [],
  rules: [],
  duplicates: "all",
  leadId: null,
};

const PARAM = {
  siteIds: "site",
  sourceIds: "source",
  campaignIds: "campaign",
  utmSource: "utm_source",
  utmMedium: "utm_medium",
  utmCampaign: "utm_campaign",
  utmContent: "utm_content",
  utmTerm: "utm_term",
  rules: "rule",
  duplicates: "dup",
  leadId: "lead",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZSortField = z.enum(LEAD_SORT_FIELDS).catch(DEFAULT_LEADS_URL_STATE.sort.field);
const ZRule = z.enum(LEAD_ATTRIBUTION_RULES);
const ZDuplicates = z.enum(DUPLICATE_FILTERS).catch(DEFAULT_LEADS_URL_STATE.duplicates);
const ZUtmValue = z.string().trim().min(1).max(MAX_UTM_LENGTH);

const utmParam = (values: string[]) => listParam(values, ZUtmValue).slice(0, MAX_UTM_VALUES);

export function parseLeadsUrlState(params: URLSearchParams): TLeadsUrlState {
  return {
    ...readCommonTableState(params, ZSortField),
    siteIds: listParam(params.getAll(PARAM.siteIds), ZIdParam),
    sourceIds: listParam(params.getAll(PARAM.sourceIds), ZIdParam),
    campaignIds: listParam(params.getAll(PARAM.campaignIds), ZIdParam),
    utmSource: utmParam(params.getAll(PARAM.utmSource)),
    utmMedium: utmParam(params.getAll(PARAM.utmMedium)),
    utmCampaign: utmParam(params.getAll(PARAM.utmCampaign)),
    utmContent: utmParam(params.getAll(PARAM.utmContent)),
    utmTerm: utmParam(params.getAll(PARAM.utmTerm)),
    rules: listParam(params.getAll(PARAM.rules), ZRule),
    duplicates: ZDuplicates.parse(params.get(PARAM.duplicates)),
    leadId: idParam(params.get(PARAM.leadId)),
  };
}

const LIST_KEYS = [
  "siteIds",
  "sourceIds",
  "campaignIds",
  ...UTM_FILTER_FIELDS,
  "rules",
] as const satisfies readonly (keyof TLeadsUrlState)[];

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeLeadsUrlState(state: TLeadsUrlState): string {
  const params = new URLSearchParams();
  writeCommonTableState(params, state, DEFAULT_LEADS_URL_STATE.sort);
  LIST_KEYS.forEach((key) => state[key].forEach((item) => params.append(PARAM[key], item)));
  if (state.duplicates !== DEFAULT_LEADS_URL_STATE.duplicates)
    params.set(PARAM.duplicates, state.duplicates);
  if (state.leadId) params.set(PARAM.leadId, state.leadId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open lead do not). */
export const hasActiveLeadFilters = (state: TLeadsUrlState): boolean =>
  hasCommonFilters(state) ||
  state.duplicates !== "all" ||
  LIST_KEYS.some((key) => state[key].length > 0);

/** The same state with every filter cleared and the first page. */
export const clearLeadFilters = (state: TLeadsUrlState): TLeadsUrlState => ({
  ...DEFAULT_LEADS_URL_STATE,
  perPage: state.perPage,
  sort: state.sort,
  leadId: state.leadId,
});

/**
 * UTM values typed into one box, comma-separated: each value trimmed, empty ones and repeats
 * dropped, capped at what the server accepts. Values are matched exactly, case included.
 */
export const parseUtmText = (text: string): string[] => utmParam(text.split(","));

export const formatUtmValues = (values: readonly string[]): string => values.join(", ");

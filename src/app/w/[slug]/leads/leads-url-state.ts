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
import {
  COMMUNICATION_KINDS,
  COMMUNICATION_RULES,
  type TCommunicationKind,
  type TCommunicationRule,
  type TLeadListRequest,
} from "@/server/domain/leads/lead-filters";
import { NONE_FILTER_VALUE, TRAFFIC_CHANNELS } from "@/server/domain/lists/traffic-filters";

type TLeadSortField = TLeadListRequest["sort"]["field"];
export type TLeadChannelFilter = NonNullable<TLeadListRequest["filters"]["channels"]>[number];

/** The sort fields offered in the table (a subset of what the server accepts). */
export const LEAD_SORT_FIELDS = [
  "occurredAt",
  "contactName",
] as const satisfies readonly TLeadSortField[];
/** «Повторы» filter: every row, only repeat bookings, or only first bookings. */
export const DUPLICATE_FILTERS = ["all", "duplicates", "originals"] as const;
/** «Уникальный» filter (calls only): every row, first calls, or repeat calls. */
export const UNIQUE_CALL_FILTERS = ["all", "unique", "repeat"] as const;
/** «Целевой» filter (calls only): every row, target calls, or the other calls. */
export const TARGET_CALL_FILTERS = ["all", "target", "nonTarget"] as const;
/** The channel filter's choices: every channel, then «no channel». */
export const LEAD_CHANNEL_FILTERS = [
  ...TRAFFIC_CHANNELS,
  NONE_FILTER_VALUE,
] as const satisfies readonly TLeadChannelFilter[];

/** What the leads page keeps in its URL: one source of truth for filters, sort, page and the open lead. */
export type TLeadsUrlState = TCommonTableState<(typeof LEAD_SORT_FIELDS)[number]> &
  TUtmFilterState & {
    kinds: TCommunicationKind[];
    siteIds: string[];
    /** Ids, or `none` (NONE_FILTER_VALUE) for rows credited to no source / campaign. */
    sourceIds: string[];
    campaignIds: string[];
    channels: TLeadChannelFilter[];
    rules: TCommunicationRule[];
    duplicates: (typeof DUPLICATE_FILTERS)[number];
    uniqueCalls: (typeof UNIQUE_CALL_FILTERS)[number];
    targetCalls: (typeof TARGET_CALL_FILTERS)[number];
    /** The open booking's drawer. */
    leadId: string | null;
  };

export const DEFAULT_LEADS_URL_STATE: TLeadsUrlState = {
  ...DEFAULT_COMMON_STATE,
  sort: { field: "occurredAt", direction: "desc" },
  kinds: [],
  siteIds: [],
  sourceIds: [],
  campaignIds: [],
  channels: [],
  ...DEFAULT_UTM_FILTER_STATE,
  rules: [],
  duplicates: "all",
  uniqueCalls: "all",
  targetCalls: "all",
  leadId: null,
};

/**
 * List filters repeat their parameter: `?kind=call&source=src_1&source=none`. The analytics report
 * links here with `from`, `to`, `kind`, `channel`, `source`, `campaign` (`none` selects rows
 * without one) and UTM values.
 */
const PARAM = {
  kinds: "kind",
  siteIds: "site",
  sourceIds: "source",
  campaignIds: "campaign",
  channels: "channel",
  rules: "rule",
  duplicates: "dup",
  uniqueCalls: "unique",
  targetCalls: "target",
  leadId: "lead",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZSortField = z.enum(LEAD_SORT_FIELDS).catch(DEFAULT_LEADS_URL_STATE.sort.field);
const ZKind = z.enum(COMMUNICATION_KINDS);
const ZChannel = z.enum(LEAD_CHANNEL_FILTERS);
const ZRule = z.enum(COMMUNICATION_RULES);
const ZDuplicates = z.enum(DUPLICATE_FILTERS).catch(DEFAULT_LEADS_URL_STATE.duplicates);
const ZUniqueCalls = z.enum(UNIQUE_CALL_FILTERS).catch(DEFAULT_LEADS_URL_STATE.uniqueCalls);
const ZTargetCalls = z.enum(TARGET_CALL_FILTERS).catch(DEFAULT_LEADS_URL_STATE.targetCalls);

export function parseLeadsUrlState(params: URLSearchParams): TLeadsUrlState {
  return {
    ...readCommonTableState(params, ZSortField),
    kinds: listParam(params.getAll(PARAM.kinds), ZKind),
    siteIds: listParam(params.getAll(PARAM.siteIds), ZIdParam),
    sourceIds: listParam(params.getAll(PARAM.sourceIds), ZIdParam),
    campaignIds: listParam(params.getAll(PARAM.campaignIds), ZIdParam),
    channels: listParam(params.getAll(PARAM.channels), ZChannel),
    ...readUtmFilters(params),
    rules: listParam(params.getAll(PARAM.rules), ZRule),
    duplicates: ZDuplicates.parse(params.get(PARAM.duplicates)),
    uniqueCalls: ZUniqueCalls.parse(params.get(PARAM.uniqueCalls)),
    targetCalls: ZTargetCalls.parse(params.get(PARAM.targetCalls)),
    leadId: idParam(params.get(PARAM.leadId)),
  };
}

const LIST_KEYS = [
  "kinds",
  "siteIds",
  "sourceIds",
  "campaignIds",
  "channels",
  "rules",
] as const satisfies readonly (keyof TLeadsUrlState)[];

const CHOICE_KEYS = [
  "duplicates",
  "uniqueCalls",
  "targetCalls",
] as const satisfies readonly (keyof TLeadsUrlState)[];

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeLeadsUrlState(state: TLeadsUrlState): string {
  const params = new URLSearchParams();
  writeCommonTableState(params, state, DEFAULT_LEADS_URL_STATE.sort);
  LIST_KEYS.forEach((key) => state[key].forEach((item) => params.append(PARAM[key], item)));
  writeUtmFilters(params, state);
  CHOICE_KEYS.forEach((key) => {
    if (state[key] !== DEFAULT_LEADS_URL_STATE[key]) params.set(PARAM[key], state[key]);
  });
  if (state.leadId) params.set(PARAM.leadId, state.leadId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open lead do not). */
export const hasActiveLeadFilters = (state: TLeadsUrlState): boolean =>
  hasCommonFilters(state) ||
  CHOICE_KEYS.some((key) => state[key] !== "all") ||
  hasUtmFilters(state) ||
  LIST_KEYS.some((key) => state[key].length > 0);

/** The same state with every filter cleared and the first page. */
export const clearLeadFilters = (state: TLeadsUrlState): TLeadsUrlState => ({
  ...DEFAULT_LEADS_URL_STATE,
  perPage: state.perPage,
  sort: state.sort,
  leadId: state.leadId,
});

/** The leads page with one booking's drawer open (links from the deal drawer's credited lead). */
export const leadPageHref = (slug: string, leadId: string): string =>
  `/w/${encodeURIComponent(slug)}/leads?${serializeLeadsUrlState({ ...DEFAULT_LEADS_URL_STATE, leadId })}`;

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
import type { TDealListRequest } from "@/server/domain/deals/deal-filters";
import {
  DEAL_ATTRIBUTION_RULES,
  NONE_FILTER_VALUE,
  TRAFFIC_CHANNELS,
} from "@/server/domain/lists/traffic-filters";

type TDealSortField = TDealListRequest["sort"]["field"];
type TStageGroup = NonNullable<TDealListRequest["filters"]["stageGroups"]>[number];
export type TDealChannelFilter = NonNullable<TDealListRequest["filters"]["channels"]>[number];
export type TDealAttributionRule = (typeof DEAL_ATTRIBUTION_RULES)[number];

/** The sort fields offered in the table (a subset of what the server accepts). */
export const DEAL_SORT_FIELDS = [
  "crmCreatedAt",
  "visitStartAt",
  "amountMinor",
  "name",
  "stageOrder",
] as const satisfies readonly TDealSortField[];
export const STAGE_GROUPS = ["in_work", "won", "lost"] as const satisfies readonly TStageGroup[];
/** The channel filter's choices: every channel, then «no channel». */
export const CHANNEL_FILTERS = [
  ...TRAFFIC_CHANNELS,
  NONE_FILTER_VALUE,
] as const satisfies readonly TDealChannelFilter[];

/** The largest amount that still fits the integer kopeck column. */
const MAX_ROUBLES = 21_000_000;

/** What the deals page keeps in its URL: one source of truth for filters, sort, page and the open deal. */
export type TDealsUrlState = TCommonTableState<(typeof DEAL_SORT_FIELDS)[number]> &
  TUtmFilterState & {
    stages: string[];
    stageGroups: TStageGroup[];
    responsibleIds: string[];
    /** Ids, or `none` (NONE_FILTER_VALUE) for deals credited to no source / campaign. */
    sourceIds: string[];
    campaignIds: string[];
    channels: TDealChannelFilter[];
    attributionRules: TDealAttributionRule[];
    /** In roubles (major units), as typed; converted to kopecks for the server. */
    amountMin: number | null;
    amountMax: number | null;
    includeSales: boolean;
    dealId: string | null;
  };

export const DEFAULT_DEALS_URL_STATE: TDealsUrlState = {
  ...DEFAULT_COMMON_STATE,
  sort: { field: "crmCreatedAt", direction: "desc" },
  stages: [],
  stageGroups: [],
  responsibleIds: [],
  sourceIds: [],
  campaignIds: [],
  channels: [],
  attributionRules: [],
  ...DEFAULT_UTM_FILTER_STATE,
  amountMin: null,
  amountMax: null,
  includeSales: true,
  dealId: null,
};

/**
 * The query parameters, besides the common ones (`from`, `to`: days `YYYY-MM-DD` of the workspace,
 * both inclusive, by the deal's creation in the CRM; `q`; `page`, `perPage`, `sort`, `dir`) and the
 * UTM tags under their own names (`utm_source` … `utm_term`, exact values). Every list parameter
 * repeats: `?source=src_1&source=none`. Other pages link here with them, the analytics report
 * among them: won deals of a period and source read
 * `/w/{slug}/deals?from=2026-11-01&to=2026-11-30&group=won&source={sourceId}&campaign=none`
 * (`none` selects deals without one; `channel` takes channel codes or `none`).
 */
const PARAM = {
  stages: "stage",
  stageGroups: "group",
  responsibleIds: "responsible",
  sourceIds: "source",
  campaignIds: "campaign",
  channels: "channel",
  attributionRules: "rule",
  amountMin: "amountMin",
  amountMax: "amountMax",
  includeSales: "sales",
  dealId: "deal",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZSortField = z.enum(DEAL_SORT_FIELDS).catch(DEFAULT_DEALS_URL_STATE.sort.field);
const ZStageGroup = z.enum(STAGE_GROUPS);
const ZChannel = z.enum(CHANNEL_FILTERS);
const ZRule = z.enum(DEAL_ATTRIBUTION_RULES);
const ZRoubles = z
  .string()
  .trim()
  .min(1)
  .transform(Number)
  .pipe(z.number().nonnegative().max(MAX_ROUBLES))
  .nullable()
  .catch(null);

export function parseDealsUrlState(params: URLSearchParams): TDealsUrlState {
  return {
    ...readCommonTableState(params, ZSortField),
    stages: listParam(params.getAll(PARAM.stages), ZIdParam),
    stageGroups: listParam(params.getAll(PARAM.stageGroups), ZStageGroup),
    responsibleIds: listParam(params.getAll(PARAM.responsibleIds), ZIdParam),
    sourceIds: listParam(params.getAll(PARAM.sourceIds), ZIdParam),
    campaignIds: listParam(params.getAll(PARAM.campaignIds), ZIdParam),
    channels: listParam(params.getAll(PARAM.channels), ZChannel),
    attributionRules: listParam(params.getAll(PARAM.attributionRules), ZRule),
    ...readUtmFilters(params),
    amountMin: ZRoubles.parse(params.get(PARAM.amountMin)),
    amountMax: ZRoubles.parse(params.get(PARAM.amountMax)),
    includeSales: params.get(PARAM.includeSales) !== "0",
    dealId: idParam(params.get(PARAM.dealId)),
  };
}

const LIST_KEYS = [
  "stages",
  "stageGroups",
  "responsibleIds",
  "sourceIds",
  "campaignIds",
  "channels",
  "attributionRules",
] as const satisfies readonly (keyof TDealsUrlState)[];

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeDealsUrlState(state: TDealsUrlState): string {
  const params = new URLSearchParams();
  writeCommonTableState(params, state, DEFAULT_DEALS_URL_STATE.sort);
  LIST_KEYS.forEach((key) => state[key].forEach((item) => params.append(PARAM[key], item)));
  writeUtmFilters(params, state);
  if (state.amountMin !== null) params.set(PARAM.amountMin, String(state.amountMin));
  if (state.amountMax !== null) params.set(PARAM.amountMax, String(state.amountMax));
  if (!state.includeSales) params.set(PARAM.includeSales, "0");
  if (state.dealId) params.set(PARAM.dealId, state.dealId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open deal do not). */
export const hasActiveDealFilters = (state: TDealsUrlState): boolean =>
  hasCommonFilters(state) ||
  LIST_KEYS.some((key) => state[key].length > 0) ||
  hasUtmFilters(state) ||
  state.amountMin !== null ||
  state.amountMax !== null ||
  !state.includeSales;

/** The same state with every filter cleared and the first page. */
export const clearDealFilters = (state: TDealsUrlState): TDealsUrlState => ({
  ...DEFAULT_DEALS_URL_STATE,
  perPage: state.perPage,
  sort: state.sort,
  dealId: state.dealId,
});

/** The deals page with one deal's drawer open (used by links from other tables, e.g. leads). */
export const dealPageHref = (slug: string, dealId: string): string =>
  `/w/${encodeURIComponent(slug)}/deals?${serializeDealsUrlState({ ...DEFAULT_DEALS_URL_STATE, dealId })}`;

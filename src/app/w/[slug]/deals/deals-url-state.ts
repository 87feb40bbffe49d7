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
import type { TDealListRequest } from "@/server/domain/deals/deal-filters";

type TDealSortField = TDealListRequest["sort"]["field"];
type TStageGroup = NonNullable<TDealListRequest["filters"]["stageGroups"]>[number];

/** The sort fields offered in the table (a subset of what the server accepts). */
export const DEAL_SORT_FIELDS = [
  "crmCreatedAt",
  "visitStartAt",
  "amountMinor",
  "name",
  "stageOrder",
] as const satisfies readonly TDealSortField[];
export const STAGE_GROUPS = ["in_work", "won", "lost"] as const satisfies readonly TStageGroup[];

/** The largest amount that still fits the integer kopeck column. */
const MAX_ROUBLES = 21_000_000;

/** What the deals page keeps in its URL: one source of truth for filters, sort, page and the open deal. */
export type TDealsUrlState = TCommonTableState<(typeof DEAL_SORT_FIELDS)[number]> & {
  stages: string[];
  stageGroups: TStageGroup[];
  responsibleIds: string[];
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
  amountMin: null,
  amountMax: null,
  includeSales: true,
  dealId: null,
};

const PARAM = {
  stages: "stage",
  stageGroups: "group",
  responsibleIds: "responsible",
  amountMin: "amountMin",
  amountMax: "amountMax",
  includeSales: "sales",
  dealId: "deal",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZSortField = z.enum(DEAL_SORT_FIELDS).catch(DEFAULT_DEALS_URL_STATE.sort.field);
const ZStageGroup = z.enum(STAGE_GROUPS);
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
    amountMin: ZRoubles.parse(params.get(PARAM.amountMin)),
    amountMax: ZRoubles.parse(params.get(PARAM.amountMax)),
    includeSales: params.get(PARAM.includeSales) !== "0",
    dealId: idParam(params.get(PARAM.dealId)),
  };
}

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeDealsUrlState(state: TDealsUrlState): string {
  const params = new URLSearchParams();
  writeCommonTableState(params, state, DEFAULT_DEALS_URL_STATE.sort);
  state.stages.forEach((stage) => params.append(PARAM.stages, stage));
  state.stageGroups.forEach((group) => params.append(PARAM.stageGroups, group));
  state.responsibleIds.forEach((id) => params.append(PARAM.responsibleIds, id));
  if (state.amountMin !== null) params.set(PARAM.amountMin, String(state.amountMin));
  if (state.amountMax !== null) params.set(PARAM.amountMax, String(state.amountMax));
  if (!state.includeSales) params.set(PARAM.includeSales, "0");
  if (state.dealId) params.set(PARAM.dealId, state.dealId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open deal do not). */
export const hasActiveDealFilters = (state: TDealsUrlState): boolean =>
  hasCommonFilters(state) ||
  state.stages.length > 0 ||
  state.stageGroups.length > 0 ||
  state.responsibleIds.length > 0 ||
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

import { z } from "zod";
import { parseDay } from "@/lib/zoned-day";
import type { TDealListRequest } from "@/server/domain/deals/deal-filters";

type TDealSortField = TDealListRequest["sort"]["field"];
type TStageGroup = NonNullable<TDealListRequest["filters"]["stageGroups"]>[number];

/** The sort fields offered in the table (a subset of what the server accepts). */
export const DEAL_SORT_FIELDS = ["crmCreatedAt", "visitStartAt", "amountMinor", "name", "stageOrder"] as const satisfies readonly TDealSortField[];
export const STAGE_GROUPS = ["in_work", "won", "lost"] as const satisfies readonly TStageGroup[];
export const PER_PAGE_OPTIONS = [25, 50, 100] as const;

/** The largest amount that still fits the integer kopeck column. */
const MAX_ROUBLES = 21_000_000;

/** What the deals page keeps in its URL: one source of truth for filters, sort, page and the open deal. */
export type TDealsUrlState = {
  page: number;
  perPage: (typeof PER_PAGE_OPTIONS)[number];
  sort: { field: (typeof DEAL_SORT_FIELDS)[number]; direction: "asc" | "desc" };
  /** Calendar days `YYYY-MM-DD`, both inclusive, in the workspace time zone. */
  createdFrom: string | null;
  createdTo: string | null;
  stages: string[];
  stageGroups: TStageGroup[];
  responsibleIds: string[];
  /** In roubles (major units), as typed; converted to kopecks for the server. */
  amountMin: number | null;
  amountMax: number | null;
  search: string;
  includeSales: boolean;
  dealId: string | null;
};

export const DEFAULT_DEALS_URL_STATE: TDealsUrlState = {
  page: 1, perPage: 25, sort: { field: "crmCreatedAt", direction: "desc" }, createdFrom: null, createdTo: null, stages: [], stageGroups: [],
  responsibleIds: [], amountMin: null, amountMax: null, search: "", includeSales: true, dealId: null,
};

const PARAM = {
  page: "page", perPage: "perPage", sort: "sort", direction: "dir", createdFrom: "from", createdTo: "to", stages: "stage", stageGroups: "group",
  responsibleIds: "responsible", amountMin: "amountMin", amountMax: "amountMax", search: "q", includeSales: "sales", dealId: "deal",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZPage = z.coerce.number().int().min(1).max(100_000).catch(DEFAULT_DEALS_URL_STATE.page);
const ZPerPage = z.coerce.number().pipe(z.literal(PER_PAGE_OPTIONS)).catch(DEFAULT_DEALS_URL_STATE.perPage);
const ZSortField = z.enum(DEAL_SORT_FIELDS).catch(DEFAULT_DEALS_URL_STATE.sort.field);
const ZDirection = z.enum(["asc", "desc"]).catch(DEFAULT_DEALS_URL_STATE.sort.direction);
const ZId = z.string().trim().min(1).max(64);
const ZStageGroup = z.enum(STAGE_GROUPS);
const ZRoubles = z.string().trim().min(1).transform(Number).pipe(z.number().nonnegative().max(MAX_ROUBLES)).nullable().catch(null);

const listOf = <T>(values: string[], schema: z.ZodType<T>): T[] => [...new Set(values.flatMap((value) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [parsed.data] : [];
}))];

const dayOrNull = (value: string | null) => (value && parseDay(value) ? value : null);

export function parseDealsUrlState(params: URLSearchParams): TDealsUrlState {
  const value = (key: keyof typeof PARAM) => params.get(PARAM[key]) ?? undefined;
  const dealId = ZId.safeParse(value("dealId"));
  return {
    page: ZPage.parse(value("page")),
    perPage: ZPerPage.parse(value("perPage")),
    sort: { field: ZSortField.parse(value("sort")), direction: ZDirection.parse(value("direction")) },
    createdFrom: dayOrNull(params.get(PARAM.createdFrom)),
    createdTo: dayOrNull(params.get(PARAM.createdTo)),
    stages: listOf(params.getAll(PARAM.stages), ZId),
    stageGroups: listOf(params.getAll(PARAM.stageGroups), ZStageGroup),
    responsibleIds: listOf(params.getAll(PARAM.responsibleIds), ZId),
    amountMin: ZRoubles.parse(value("amountMin") ?? null),
    amountMax: ZRoubles.parse(value("amountMax") ?? null),
    search: (value("search") ?? "").trim().slice(0, 100),
    includeSales: value("includeSales") !== "0",
    dealId: dealId.success ? dealId.data : null,
  };
}

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeDealsUrlState(state: TDealsUrlState): string {
  const params = new URLSearchParams();
  const defaults = DEFAULT_DEALS_URL_STATE;
  if (state.page !== defaults.page) params.set(PARAM.page, String(state.page));
  if (state.perPage !== defaults.perPage) params.set(PARAM.perPage, String(state.perPage));
  if (state.sort.field !== defaults.sort.field || state.sort.direction !== defaults.sort.direction) {
    params.set(PARAM.sort, state.sort.field);
    params.set(PARAM.direction, state.sort.direction);
  }
  if (state.createdFrom) params.set(PARAM.createdFrom, state.createdFrom);
  if (state.createdTo) params.set(PARAM.createdTo, state.createdTo);
  state.stages.forEach((stage) => params.append(PARAM.stages, stage));
  state.stageGroups.forEach((group) => params.append(PARAM.stageGroups, group));
  state.responsibleIds.forEach((id) => params.append(PARAM.responsibleIds, id));
  if (state.amountMin !== null) params.set(PARAM.amountMin, String(state.amountMin));
  if (state.amountMax !== null) params.set(PARAM.amountMax, String(state.amountMax));
  if (state.search) params.set(PARAM.search, state.search);
  if (!state.includeSales) params.set(PARAM.includeSales, "0");
  if (state.dealId) params.set(PARAM.dealId, state.dealId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open deal do not). */
export const hasActiveDealFilters = (state: TDealsUrlState): boolean =>
  Boolean(state.createdFrom || state.createdTo || state.search) || state.stages.length > 0 || state.stageGroups.length > 0 ||
  state.responsibleIds.length > 0 || state.amountMin !== null || state.amountMax !== null || !state.includeSales;

/** The same state with every filter cleared and the first page. */
export const clearDealFilters = (state: TDealsUrlState): TDealsUrlState => ({
  ...DEFAULT_DEALS_URL_STATE, perPage: state.perPage, sort: state.sort, dealId: state.dealId,
});

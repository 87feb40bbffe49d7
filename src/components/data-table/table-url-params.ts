import { z } from "zod";

import { parseDay } from "@/lib/zoned-day";

/** Rows per page a server-paged table offers. */
export const PER_PAGE_OPTIONS = [25, 50, 100] as const;
export type TPerPage = (typeof PER_PAGE_OPTIONS)[number];
export type TSortDirection = "asc" | "desc";

/** The part of the URL state every server-paged table has: paging, sort, the «created» period and the search. */
export type TCommonTableState<TSortField extends string> = {
  page: number;
  perPage: TPerPage;
  sort: { field: TSortField; direction: TSortDirection };
  /** Calendar days `YYYY-MM-DD`, both inclusive, in the workspace time zone. */
  createdFrom: string | null;
  createdTo: string | null;
  search: string;
};

export const DEFAULT_COMMON_STATE = {
  page: 1,
  perPage: 25,
  createdFrom: null,
  createdTo: null,
  search: "",
} as const satisfies Omit<TCommonTableState<string>, "sort">;

/** The same names in every table's URL, so links read alike. */
const PARAM = {
  page: "page",
  perPage: "perPage",
  sort: "sort",
  direction: "dir",
  createdFrom: "from",
  createdTo: "to",
  search: "q",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZPageParam = z.coerce.number().int().min(1).max(100_000).catch(DEFAULT_COMMON_STATE.page);
const ZPerPageParam = z.coerce
  .number()
  .pipe(z.literal(PER_PAGE_OPTIONS))
  .catch(DEFAULT_COMMON_STATE.perPage);
const ZDirectionParam = z.enum(["asc", "desc"]).catch("desc");
/** A row or option id as the server issues it. */
export const ZIdParam = z.string().trim().min(1).max(64);

/** The valid values of a repeated parameter, each once; invalid ones are dropped. */
export const listParam = <T>(values: string[], schema: z.ZodType<T>): T[] => [
  ...new Set(
    values.flatMap((value) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    }),
  ),
];

/** An id, or null when it is missing or malformed. */
export const idParam = (value: string | null): string | null => {
  const parsed = ZIdParam.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** A calendar day `YYYY-MM-DD` that exists, or null. */
const dayParam = (value: string | null): string | null => (value && parseDay(value) ? value : null);

/** Reads the common part; `sortField` falls back (`.catch`) to the table's default sort field. */
export function readCommonTableState<TSortField extends string>(
  params: URLSearchParams,
  sortField: z.ZodType<TSortField>,
): TCommonTableState<TSortField> {
  const value = (key: keyof typeof PARAM) => params.get(PARAM[key]) ?? undefined;
  return {
    page: ZPageParam.parse(value("page")),
    perPage: ZPerPageParam.parse(value("perPage")),
    sort: {
      field: sortField.parse(value("sort")),
      direction: ZDirectionParam.parse(value("direction")),
    },
    createdFrom: dayParam(params.get(PARAM.createdFrom)),
    createdTo: dayParam(params.get(PARAM.createdTo)),
    // Trimmed and capped at what the servers accept.
    search: (value("search") ?? "").trim().slice(0, 100),
  };
}

/** Writes the common part; defaults are left out so a plain page has a plain URL. */
export function writeCommonTableState<TSortField extends string>(
  params: URLSearchParams,
  state: TCommonTableState<TSortField>,
  defaultSort: TCommonTableState<TSortField>["sort"],
): void {
  if (state.page !== DEFAULT_COMMON_STATE.page) params.set(PARAM.page, String(state.page));
  if (state.perPage !== DEFAULT_COMMON_STATE.perPage)
    params.set(PARAM.perPage, String(state.perPage));
  if (state.sort.field !== defaultSort.field || state.sort.direction !== defaultSort.direction) {
    params.set(PARAM.sort, state.sort.field);
    params.set(PARAM.direction, state.sort.direction);
  }
  if (state.createdFrom) params.set(PARAM.createdFrom, state.createdFrom);
  if (state.createdTo) params.set(PARAM.createdTo, state.createdTo);
  if (state.search) params.set(PARAM.search, state.search);
}

/** True when the period or the search narrows the list. */
export const hasCommonFilters = (state: TCommonTableState<string>): boolean =>
  Boolean(state.createdFrom || state.createdTo || state.search);

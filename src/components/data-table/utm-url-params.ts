import { z } from "zod";

import { nonEmpty } from "@/components/data-table/table-request";
import { listParam } from "@/components/data-table/table-url-params";
import { UTM_FIELDS, type TUtmField } from "@/server/domain/lists/traffic-filters";

/** Exact tag values per UTM tag, as the visitor's link carried them. */
export type TUtmFilterState = Record<TUtmField, string[]>;

export const DEFAULT_UTM_FILTER_STATE: TUtmFilterState = {
  utmSource: [],
  utmMedium: [],
  utmCampaign: [],
  utmContent: [],
  utmTerm: [],
};

/** The tags' own names, so a link reads like the visitor's: `?utm_source=yandex&utm_term=…`. */
export const UTM_PARAM: Record<TUtmField, string> = {
  utmSource: "utm_source",
  utmMedium: "utm_medium",
  utmCampaign: "utm_campaign",
  utmContent: "utm_content",
  utmTerm: "utm_term",
};

/** What the servers accept per UTM filter. */
const MAX_UTM_VALUES = 50;
const MAX_UTM_LENGTH = 256;
const ZUtmValue = z.string().trim().min(1).max(MAX_UTM_LENGTH);

const utmParam = (values: string[]) => listParam(values, ZUtmValue).slice(0, MAX_UTM_VALUES);

export const readUtmFilters = (params: URLSearchParams): TUtmFilterState =>
  Object.fromEntries(
    UTM_FIELDS.map((field) => [field, utmParam(params.getAll(UTM_PARAM[field]))]),
  ) as TUtmFilterState;

export function writeUtmFilters(params: URLSearchParams, state: TUtmFilterState): void {
  for (const field of UTM_FIELDS)
    state[field].forEach((value) => params.append(UTM_PARAM[field], value));
}

export const hasUtmFilters = (state: TUtmFilterState): boolean =>
  UTM_FIELDS.some((field) => state[field].length > 0);

/** The server's UTM filters: absent where no value is chosen. */
export const toUtmFilters = (state: TUtmFilterState): Partial<TUtmFilterState> =>
  Object.fromEntries(UTM_FIELDS.map((field) => [field, nonEmpty(state[field])]));

/**
 * UTM values typed into one box, comma-separated: each value trimmed, empty ones and repeats
 * dropped, capped at what the server accepts. Values are matched exactly, case included.
 */
export const parseUtmText = (text: string): string[] => utmParam(text.split(","));

export const formatUtmValues = (values: readonly string[]): string => values.join(", ");

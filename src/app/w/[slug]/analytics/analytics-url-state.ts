import { z } from "zod";

import { parseDay } from "@/lib/zoned-day";

import { SORTABLE_FIGURES, type TReportSort } from "./report-tree";

/** The analytics page's URL: its period (`from`, `to`, local days) and the table's order. */
export type TAnalyticsUrlState = { from: string | null; to: string | null; sort: TReportSort };

export const DEFAULT_REPORT_SORT: TReportSort = { figure: "revenueMinor", direction: "desc" };

// Lenient on purpose (conventions C14): a hand-edited link falls back per field instead of failing.
const dayParam = (value: string | null) => (value && parseDay(value) ? value : null);
const ZFigure = z.enum(SORTABLE_FIGURES).catch(DEFAULT_REPORT_SORT.figure);
const ZDirection = z.enum(["asc", "desc"]).catch(DEFAULT_REPORT_SORT.direction);

export function parseAnalyticsUrlState(params: URLSearchParams): TAnalyticsUrlState {
  const [from, to] = [dayParam(params.get("from")), dayParam(params.get("to"))];
  const isRange = from !== null && to !== null && from <= to;
  return {
    from: isRange ? from : null,
    to: isRange ? to : null,
    sort: {
      figure: ZFigure.parse(params.get("sort")),
      direction: ZDirection.parse(params.get("dir")),
    },
  };
}

export function serializeAnalyticsUrlState({ from, to, sort }: TAnalyticsUrlState): string {
  const params = new URLSearchParams();
  if (from && to) {
    params.set("from", from);
    params.set("to", to);
  }
  if (
    sort.figure !== DEFAULT_REPORT_SORT.figure ||
    sort.direction !== DEFAULT_REPORT_SORT.direction
  ) {
    params.set("sort", sort.figure);
    params.set("dir", sort.direction);
  }
  return params.toString();
}

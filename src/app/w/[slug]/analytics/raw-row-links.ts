import { NONE_FILTER_VALUE } from "@/server/domain/lists/traffic-filters";

import { DEFAULT_CALLS_URL_STATE, serializeCallsUrlState } from "../calls/calls-url-state";
import {
  DEFAULT_DEALS_URL_STATE,
  serializeDealsUrlState,
  type TDealChannelFilter,
  type TDealsUrlState,
} from "../deals/deals-url-state";
import { DEFAULT_LEADS_URL_STATE, serializeLeadsUrlState } from "../leads/leads-url-state";
import type { TAnalyticsReport } from "./analytics-types";
import type { TNodeLevel, TReportNode } from "./report-tree";

/**
 * Links from a report figure to the raw rows it counts (docs/analytics.md §5), filtered by the same
 * period and group. Null where the page's filters cannot say the group exactly: a link must never
 * open more or fewer rows than the figure counted.
 */
export type TRawRowsTarget = "deals" | "wonDeals" | "bookings" | "calls";

type TLinkedRow = Pick<TReportNode, "group" | "children"> & { level: TNodeLevel | "total" };

const base = (slug: string, page: string, query: string) =>
  `/w/${encodeURIComponent(slug)}/${page}${query ? `?${query}` : ""}`;

export function rawRowsHref(
  slug: string,
  period: TAnalyticsReport["period"],
  row: TLinkedRow,
  target: TRawRowsTarget,
): string | null {
  const dates = { createdFrom: period.from, createdTo: period.to };
  switch (target) {
    case "calls":
      // Calls carry no traffic yet (docs/analytics.md §2): all of them are «Не определён».
      return row.level === "total" || (row.level === "channel" && row.group.channel === "")
        ? base(
            slug,
            "calls",
            serializeCallsUrlState({
              ...DEFAULT_CALLS_URL_STATE,
              ...dates,
              directions: ["incoming"],
            }),
          )
        : null;
    case "bookings": {
      const filter = leadFilterOf(row);
      return filter
        ? base(
            slug,
            "leads",
            serializeLeadsUrlState({ ...DEFAULT_LEADS_URL_STATE, ...dates, ...filter }),
          )
        : null;
    }
    case "deals":
    case "wonDeals": {
      const filter = dealFilterOf(row);
      const stageGroups: TDealsUrlState["stageGroups"] = target === "wonDeals" ? ["won"] : [];
      return filter
        ? base(
            slug,
            "deals",
            serializeDealsUrlState({
              ...DEFAULT_DEALS_URL_STATE,
              ...dates,
              stageGroups,
              ...filter,
            }),
          )
        : null;
    }
  }
}

/** Leads filter by source, campaign and UTM values, not by channel or "none". */
function leadFilterOf(row: TLinkedRow) {
  if (row.level === "total") return {};
  const sourceIds =
    row.level === "channel"
      ? row.children.map((child) => child.group.sourceId)
      : [row.group.sourceId];
  if (sourceIds.length === 0 || sourceIds.includes("")) return null;
  if (row.level === "channel" || row.level === "source") return { sourceIds };
  if (row.group.campaignId === "") return null;
  const campaign = { sourceIds, campaignIds: [row.group.campaignId] };
  if (row.level === "campaign") return campaign;
  const { utmContent = "", utmTerm = "" } = row.group;
  return utmContent && utmTerm
    ? { ...campaign, utmContent: [utmContent], utmTerm: [utmTerm] }
    : null;
}

/** Deals filter "" as `none` (NONE_FILTER_VALUE), but UTM values only as given. */
function dealFilterOf(row: TLinkedRow): Partial<TDealsUrlState> | null {
  if (row.level === "total") return {};
  const orNone = (value: string) => [value === "" ? NONE_FILTER_VALUE : value];
  const { group, level } = row;
  const channels = orNone(group.channel) as TDealChannelFilter[];
  if (level === "channel") return { channels };
  const sourceIds = orNone(group.sourceId);
  if (level === "source") return { channels, sourceIds };
  const campaign = { channels, sourceIds, campaignIds: orNone(group.campaignId) };
  if (level === "campaign") return campaign;
  const { utmContent = "", utmTerm = "" } = group;
  return utmContent && utmTerm
    ? { ...campaign, utmContent: [utmContent], utmTerm: [utmTerm] }
    : null;
}

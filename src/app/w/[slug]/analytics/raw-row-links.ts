import { DEFAULT_CALLS_URL_STATE, serializeCallsUrlState } from "../calls/calls-url-state";
import { DEFAULT_DEALS_URL_STATE, serializeDealsUrlState } from "../deals/deals-url-state";
import { DEFAULT_LEADS_URL_STATE, serializeLeadsUrlState } from "../leads/leads-url-state";
import type { TAnalyticsReport } from "./analytics-types";
import type { TGroupKey, TNodeLevel, TReportNode } from "./report-tree";

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
    case "wonDeals":
      return base(
        slug,
        "deals",
        serializeDealsUrlState({
          ...DEFAULT_DEALS_URL_STATE,
          ...dates,
          ...(target === "wonDeals" ? { stageGroups: ["won"] } : {}),
          ...dealFilterOf(row),
        }),
      );
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

function dealFilterOf(row: TLinkedRow): Partial<Record<string, unknown>> {
  return row.level === "total" ? {} : dealGroupFilter(row.group, row.level);
}

/** Deals filter "" as none (docs/analytics.md §5). */
const orNone = (value: string) => [value === "" ? "none" : value];

function dealGroupFilter(group: TGroupKey, level: TNodeLevel) {
  const filter: Record<string, string[]> = { channels: orNone(group.channel) };
  if (level === "channel") return filter;
  filter.sourceIds = orNone(group.sourceId);
  if (level === "source") return filter;
  filter.campaignIds = orNone(group.campaignId);
  return filter;
}

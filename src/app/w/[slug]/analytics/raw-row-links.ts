import { NONE_FILTER_VALUE } from "@/server/domain/lists/traffic-filters";

import {
  DEFAULT_DEALS_URL_STATE,
  serializeDealsUrlState,
  type TDealsUrlState,
} from "../deals/deals-url-state";
import {
  DEFAULT_LEADS_URL_STATE,
  serializeLeadsUrlState,
  type TLeadsUrlState,
} from "../leads/leads-url-state";
import type { TAnalyticsReport } from "./analytics-types";
import type { TNodeLevel, TReportNode } from "./report-tree";

/**
 * Links from a report figure to the raw rows it counts (docs/analytics.md §5), filtered by the same
 * period and group. Null where the page's filters cannot say the group exactly: a link must never
 * open more or fewer rows than the figure counted.
 */
export type TRawRowsTarget = "deals" | "wonDeals" | "bookings" | "calls";

type TLinkedRow = Pick<TReportNode, "group" | "children"> & { level: TNodeLevel | "total" };

/** The traffic filters both pages have, with the same values and URL parameters. */
type TTrafficFilterState = Pick<
  TDealsUrlState & TLeadsUrlState,
  "channels" | "sourceIds" | "campaignIds" | "utmContent" | "utmTerm"
>;

const base = (slug: string, page: string, query: string) =>
  `/w/${encodeURIComponent(slug)}/${page}${query ? `?${query}` : ""}`;

export function rawRowsHref(
  slug: string,
  period: TAnalyticsReport["period"],
  row: TLinkedRow,
  target: TRawRowsTarget,
): string | null {
  const dates = { createdFrom: period.from, createdTo: period.to };
  const filter = trafficFilterOf(row);
  if (!filter) return null;
  switch (target) {
    case "bookings":
    case "calls": {
      // Обращения и цели lists both; the kind keeps the link to the rows the figure counted.
      const kinds: TLeadsUrlState["kinds"] = [target === "calls" ? "call" : "booking"];
      return base(
        slug,
        "leads",
        serializeLeadsUrlState({ ...DEFAULT_LEADS_URL_STATE, ...dates, kinds, ...filter }),
      );
    }
    case "deals":
    case "wonDeals": {
      const stageGroups: TDealsUrlState["stageGroups"] = target === "wonDeals" ? ["won"] : [];
      return base(
        slug,
        "deals",
        serializeDealsUrlState({ ...DEFAULT_DEALS_URL_STATE, ...dates, stageGroups, ...filter }),
      );
    }
  }
}

/**
 * The group as the filters Deals and Обращения и цели share: "" as `none` (NONE_FILTER_VALUE) for
 * the channel, source and campaign, UTM values only as given (a UTM row with an empty one is null).
 */
function trafficFilterOf(row: TLinkedRow): Partial<TTrafficFilterState> | null {
  if (row.level === "total") return {};
  const orNone = (value: string) => [value === "" ? NONE_FILTER_VALUE : value];
  const { group, level } = row;
  const channels = orNone(group.channel) as TTrafficFilterState["channels"];
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

import { describe, expect, it } from "vitest";

import type { TReportRow } from "./analytics-types";
import { buildReportTree, sortReportTree, visibleReportRows } from "./report-tree";

const figures = (revenueMinor: number, costMinor: number | null = null) => ({
  visits: 10,
  bookings: 1,
  calls: 0,
  newClients: 0,
  deals: 1,
  wonDeals: revenueMinor > 0 ? 1 : 0,
  lostDeals: 0,
  revenueMinor,
  costMinor,
});
const row = (
  level: TReportRow["level"],
  channel: string,
  sourceId: string,
  campaignId: string,
  revenueMinor: number,
  costMinor: number | null = null,
): TReportRow => ({
  level,
  channel,
  sourceId,
  campaignId,
  current: figures(revenueMinor, costMinor),
  previous: figures(0),
});

const ROWS: TReportRow[] = [
  row("total", "", "", "", 600),
  row("channel", "paid", "", "", 500, 500),
  row("source", "paid", "src_direct", "", 500, 500),
  row("campaign", "paid", "src_direct", "cmp_spring", 400, 100),
  row("campaign", "paid", "src_direct", "cmp_autumn", 100, 400),
  row("channel", "organic", "", "", 100),
  row("source", "organic", "src_google", "", 100),
  row("campaign", "organic", "src_google", "", 100),
];

describe("buildReportTree", () => {
  it("nests campaigns in sources in channels and leaves the total out", () => {
    const tree = buildReportTree(ROWS);
    expect(tree.map((node) => node.group.channel)).toEqual(["paid", "organic"]);
    expect(tree[0]?.children[0]?.children.map((node) => node.group.campaignId)).toEqual([
      "cmp_spring",
      "cmp_autumn",
    ]);
  });
});

describe("sortReportTree", () => {
  it("orders every level by a counted or a derived figure", () => {
    const byRevenue = sortReportTree(buildReportTree(ROWS), {
      figure: "revenueMinor",
      direction: "asc",
    });
    expect(byRevenue.map((node) => node.group.channel)).toEqual(["organic", "paid"]);
    const byRomi = sortReportTree(buildReportTree(ROWS), { figure: "romi", direction: "desc" });
    const campaigns = byRomi[0]?.children[0]?.children.map((node) => node.group.campaignId);
    expect(campaigns).toEqual(["cmp_spring", "cmp_autumn"]);
  });

  it("puts rows without a value last in both directions", () => {
    for (const direction of ["asc", "desc"] as const) {
      const sorted = sortReportTree(buildReportTree(ROWS), { figure: "romi", direction });
      expect(sorted.at(-1)?.group.channel).toBe("organic");
    }
  });
});

describe("visibleReportRows", () => {
  it("shows children only under expanded rows, with their depth", () => {
    const tree = buildReportTree(ROWS);
    const paid = tree[0];
    const direct = paid?.children[0];
    const rows = visibleReportRows(tree, new Set([paid?.id ?? "", direct?.id ?? ""]));
    expect(rows.map(({ node, depth }) => [node.level, depth])).toEqual([
      ["channel", 0],
      ["source", 1],
      ["campaign", 2],
      ["campaign", 2],
      ["channel", 0],
    ]);
  });
});

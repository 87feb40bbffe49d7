import {
  deriveReportMetrics,
  type TCountedFigures,
  type TReportMetrics,
} from "@/lib/report-metrics";

import type { TReportRow, TUtmRow } from "./analytics-types";

export type TNodeLevel = "channel" | "source" | "campaign" | "utm";

/** A row's place in the grouping; "" means none, as the server sends it. */
export type TGroupKey = {
  channel: string;
  sourceId: string;
  campaignId: string;
  utmContent?: string;
  utmTerm?: string;
};

export type TReportNode = {
  id: string;
  level: TNodeLevel;
  group: TGroupKey;
  current: TCountedFigures;
  previous: TCountedFigures;
  children: TReportNode[];
};

const nodeId = (level: TNodeLevel, group: TGroupKey) =>
  [
    level,
    group.channel,
    group.sourceId,
    group.campaignId,
    group.utmContent ?? "",
    group.utmTerm ?? "",
  ].join("\u0000");

const toNode = (level: TNodeLevel, row: TReportRow): TReportNode => {
  const group = { channel: row.channel, sourceId: row.sourceId, campaignId: row.campaignId };
  return {
    id: nodeId(level, group),
    level,
    group,
    current: row.current,
    previous: row.previous,
    children: [],
  };
};

/** The report's rows as channels → sources → campaigns (docs/analytics.md §5). */
export function buildReportTree(rows: readonly TReportRow[]): TReportNode[] {
  const byLevel = (level: TReportRow["level"]) => rows.filter((row) => row.level === level);
  const channels = byLevel("channel").map((row) => toNode("channel", row));
  const sources = byLevel("source").map((row) => toNode("source", row));
  for (const row of byLevel("campaign")) {
    sources
      .find(
        (source) => source.group.channel === row.channel && source.group.sourceId === row.sourceId,
      )
      ?.children.push(toNode("campaign", row));
  }
  for (const source of sources) {
    channels
      .find((channel) => channel.group.channel === source.group.channel)
      ?.children.push(source);
  }
  return channels;
}

/** A campaign opened: its UTM rows as children. */
export const utmNodes = (campaign: TReportNode, rows: readonly TUtmRow[]): TReportNode[] =>
  rows.map((row) => {
    const group = { ...campaign.group, utmContent: row.utmContent, utmTerm: row.utmTerm };
    return {
      id: nodeId("utm", group),
      level: "utm",
      group,
      current: { ...row.current, costMinor: null },
      previous: { ...row.previous, costMinor: null },
      children: [],
    };
  });

export const SORTABLE_FIGURES = [
  "visits",
  "bookings",
  "calls",
  "newClients",
  "deals",
  "wonDeals",
  "revenueMinor",
  "averageCheckMinor",
  "costMinor",
  "costPerCommunicationMinor",
  "costPerWonDealMinor",
  "romi",
] as const;
export type TSortableFigure = (typeof SORTABLE_FIGURES)[number];
export type TReportSort = { figure: TSortableFigure; direction: "asc" | "desc" };

export const figureOf = (node: TReportNode, figure: TSortableFigure): number | null => {
  if (figure in node.current) return node.current[figure as keyof TCountedFigures];
  return deriveReportMetrics(node.current)[figure as keyof TReportMetrics];
};

/** Siblings ordered by the figure; rows without a value (—) go last either way, ties by id. */
export function sortReportTree(nodes: readonly TReportNode[], sort: TReportSort): TReportNode[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...nodes]
    .sort((a, b) => {
      const [x, y] = [figureOf(a, sort.figure), figureOf(b, sort.figure)];
      if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
      return x === y ? a.id.localeCompare(b.id) : (x - y) * sign;
    })
    .map((node) => ({ ...node, children: sortReportTree(node.children, sort) }));
}

export type TVisibleRow = { node: TReportNode; depth: number; isExpanded: boolean };

/** The rows on screen, parents before their children, only under expanded parents. */
export function visibleReportRows(
  nodes: readonly TReportNode[],
  expanded: ReadonlySet<string>,
  depth = 0,
): TVisibleRow[] {
  return nodes.flatMap((node) => {
    const isExpanded = expanded.has(node.id);
    const row = { node, depth, isExpanded };
    return isExpanded ? [row, ...visibleReportRows(node.children, expanded, depth + 1)] : [row];
  });
}

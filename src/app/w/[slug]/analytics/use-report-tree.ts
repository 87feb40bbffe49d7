"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import { useTRPC } from "@/trpc/react";

import type { TAnalyticsReport } from "./analytics-types";
import {
  buildReportTree,
  sortReportTree,
  utmNodes,
  visibleReportRows,
  type TReportNode,
  type TReportSort,
  type TVisibleRow,
} from "./report-tree";

/**
 * The report's rows as the table shows them: the tree in the chosen order, opened where the user
 * opened it; a campaign's UTM rows are fetched when it is first opened.
 */
export function useReportTree(report: TAnalyticsReport | undefined, sort: TReportSort) {
  const trpc = useTRPC();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const baseTree = useMemo(() => buildReportTree(report?.rows ?? []), [report]);
  const openCampaigns = useMemo(
    () => campaignsOf(baseTree).filter((campaign) => expanded.has(campaign.id)),
    [baseTree, expanded],
  );
  const utmQueries = useQueries({
    queries: openCampaigns.map((campaign) =>
      trpc.analytics.utmBreakdown.queryOptions(
        { period: report?.period ?? { from: "", to: "" }, ...campaign.group },
        { enabled: Boolean(report) },
      ),
    ),
    // Structurally shared: the same array while no answer changed, so the memo below holds.
    combine: (results) => results.map(({ data, isPending }) => ({ data, isPending })),
  });
  const rows = useMemo(() => {
    const utmById = new Map(
      openCampaigns.flatMap((campaign, index) => {
        const data = utmQueries[index]?.data;
        return data ? [[campaign.id, utmNodes(campaign, data)] as const] : [];
      }),
    );
    const withUtm = withChildren(baseTree, utmById);
    return visibleReportRows(sortReportTree(withUtm, sort), expanded);
  }, [baseTree, openCampaigns, sort, expanded, utmQueries]);
  const loadingIds = new Set(
    openCampaigns.filter((_, index) => utmQueries[index]?.isPending).map((campaign) => campaign.id),
  );
  const toggle = ({ node }: TVisibleRow) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(node.id)) next.delete(node.id);
      else next.add(node.id);
      return next;
    });
  return { rows, toggle, loadingIds };
}

const campaignsOf = (nodes: readonly TReportNode[]): TReportNode[] =>
  nodes.flatMap((node) => (node.level === "campaign" ? [node] : campaignsOf(node.children)));

const withChildren = (
  nodes: readonly TReportNode[],
  childrenById: ReadonlyMap<string, TReportNode[]>,
): TReportNode[] =>
  nodes.map((node) => ({
    ...node,
    children: childrenById.get(node.id) ?? withChildren(node.children, childrenById),
  }));

"use client";

import { useTranslations } from "next-intl";

import { SortIndicator } from "@/components/data-table/sort-indicator";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

import { FigureValue } from "./figure-value";
import { rawRowsHref, type TRawRowsTarget } from "./raw-row-links";
import type { REPORT_COLUMNS } from "./report-columns";
import { figureOf, type TReportSort, type TSortableFigure, type TVisibleRow } from "./report-tree";
import { useReportFormat } from "./use-report-format";

/** Which raw rows each figure column opens (docs/analytics.md §5); the others have no page of rows. */
const TARGET_OF: Partial<Record<TSortableFigure, TRawRowsTarget>> = {
  bookings: "bookings",
  calls: "calls",
  deals: "deals",
  wonDeals: "wonDeals",
  revenueMinor: "wonDeals",
};

type TReportTableProps = {
  rows: readonly TVisibleRow[];
  columns: readonly (typeof REPORT_COLUMNS)[number][];
  sort: TReportSort;
  onSortChange: (sort: TReportSort) => void;
  onToggle: (row: TVisibleRow) => void;
  loadingIds: ReadonlySet<string>;
  labelOf: (row: TVisibleRow) => string;
  slug: string;
  period: { from: string; to: string };
  currency: string;
};

/** The grouped report: channel → source → campaign → UTM rows, opened one level at a time, sortable. */
export function ReportTable(props: TReportTableProps) {
  const t = useTranslations("analytics");
  const format = useReportFormat(props.currency);
  const sortBy = (figure: TSortableFigure) =>
    props.onSortChange({
      figure,
      direction: props.sort.figure === figure && props.sort.direction === "desc" ? "asc" : "desc",
    });
  return (
    <Card isFlush>
      <table
        aria-label={t("table.label")}
        className="min-w-full text-sm"
        data-testid="analytics-report"
      >
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-left font-medium">
              {t("table.group")}
            </th>
            {props.columns.map(({ figure }) => {
              const isSorted = props.sort.figure === figure;
              return (
                <th
                  key={figure}
                  scope="col"
                  aria-sort={
                    isSorted
                      ? props.sort.direction === "asc"
                        ? "ascending"
                        : "descending"
                      : "none"
                  }
                  className="px-3 py-2 text-right font-medium whitespace-nowrap"
                >
                  <button
                    type="button"
                    onClick={() => sortBy(figure)}
                    title={t.has(`figureHints.${figure}`) ? t(`figureHints.${figure}`) : undefined}
                    aria-label={t("table.sortBy", { name: t(`figures.${figure}`) })}
                    className="inline-flex items-center gap-1 hover:text-slate-900"
                  >
                    {t(`figures.${figure}`)}
                    <SortIndicator direction={isSorted ? props.sort.direction : false} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.rows.map((row) => {
            const name = props.labelOf(row);
            const isOpenable = row.node.level !== "utm";
            return (
              <tr
                key={row.node.id}
                data-testid="report-row"
                data-level={row.node.level}
                className="hover:bg-slate-50"
              >
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-normal">
                  <div
                    className="flex items-center gap-1"
                    style={{ paddingLeft: `${row.depth * 1.25}rem` }}
                  >
                    {isOpenable ? (
                      <button
                        type="button"
                        aria-expanded={row.isExpanded}
                        aria-label={t(row.isExpanded ? "table.collapse" : "table.expand", { name })}
                        onClick={() => props.onToggle(row)}
                        className="size-5 rounded text-slate-500 hover:bg-slate-200"
                      >
                        {row.isExpanded ? "▾" : "▸"}
                      </button>
                    ) : (
                      <span className="size-5" aria-hidden="true" />
                    )}
                    <span className={cn(row.depth === 0 && "font-medium text-slate-900")}>
                      {name}
                    </span>
                    {props.loadingIds.has(row.node.id) ? (
                      <span className="text-xs text-slate-400">{t("table.loadingUtm")}</span>
                    ) : null}
                  </div>
                </th>
                {props.columns.map(({ figure, kind }) => {
                  const value = figureOf(row.node, figure);
                  const target = TARGET_OF[figure];
                  const href =
                    target && value
                      ? rawRowsHref(props.slug, props.period, { ...row.node }, target)
                      : null;
                  return (
                    <td
                      key={figure}
                      data-figure={figure}
                      className="px-3 py-2 text-right tabular-nums whitespace-nowrap"
                    >
                      <FigureValue
                        text={format(value, kind)}
                        href={href}
                        label={t("headline.openRows", {
                          name: `${name}: ${t(`figures.${figure}`)}`,
                        })}
                      />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";

import { LoadState } from "@/components/data-table/load-state";
import { useUrlState } from "@/components/data-table/use-url-state";
import { DateRangePicker } from "@/components/date-picker/date-range-picker";
import { useDayText } from "@/components/date-picker/use-day-text";
import { EmptyState } from "@/components/empty-state";
import type { TLocale } from "@/i18n/locales";
import { getPresetRange } from "@/lib/period-presets";
import { csvDialectOf } from "@/server/csv/csv-dialect";
import { useTRPC } from "@/trpc/react";

import { parseAnalyticsUrlState, serializeAnalyticsUrlState } from "./analytics-url-state";
import { AnalyticsCharts } from "./charts/analytics-charts";
import { DownloadCsvButton } from "./download-csv-button";
import { HeadlineFigures } from "./headline-figures";
import { columnsFor } from "./report-columns";
import { reportCsv } from "./report-csv";
import { ReportTable } from "./report-table";
import type { TVisibleRow } from "./report-tree";
import { useGroupLabel } from "./use-group-label";
import { useReportTree } from "./use-report-tree";

/** New deals and bookings show up without a reload; polling pauses while the tab is hidden. */
const LIVE_REFRESH_MS = 30_000;

/** Without a period in the URL the page shows the last 30 days, as Metrica does. */
const DEFAULT_PRESET = "last30Days";

/** The analytics home page body: period, headline figures, charts and the grouped report. */
export function AnalyticsView({
  slug,
  timeZone,
  currency,
}: {
  slug: string;
  timeZone: string;
  currency: string;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale() as TLocale;
  const trpc = useTRPC();
  const dayText = useDayText();
  const { state, update } = useUrlState(parseAnalyticsUrlState, serializeAnalyticsUrlState);
  const period = useMemo(
    () =>
      state.from && state.to
        ? { from: state.from, to: state.to }
        : getPresetRange(DEFAULT_PRESET, timeZone, new Date()),
    [state.from, state.to, timeZone],
  );
  const report = useQuery(
    trpc.analytics.report.queryOptions(period, {
      placeholderData: keepPreviousData,
      refetchInterval: LIVE_REFRESH_MS,
      refetchIntervalInBackground: false,
    }),
  );
  const { rows, toggle, loadingIds } = useReportTree(report.data, state.sort);
  const groupLabel = useGroupLabel(report.data);
  const columns = columnsFor(report.data?.showsCosts ?? false);
  const total = report.data?.rows.find((row) => row.level === "total");

  const csv = () =>
    reportCsv({
      rows,
      columns,
      header: {
        level: t("table.level"),
        group: t("table.group"),
        figures: columns.map(({ figure }) => t(`figures.${figure}`)),
      },
      labelOf: (row: TVisibleRow) => ({
        level: t(`levels.${row.node.level}`),
        group: groupLabel(row.node),
      }),
      dialect: csvDialectOf(locale),
    });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <DateRangePicker
            label={t("period")}
            from={period.from}
            to={period.to}
            timeZone={timeZone}
            onChange={({ from, to }) => update({ from, to })}
          />
          {report.data ? (
            <span className="text-sm text-slate-500">
              {t("comparedWith", {
                period: dayText.period(
                  report.data.previousPeriod.from,
                  report.data.previousPeriod.to,
                ),
              })}
            </span>
          ) : null}
        </div>
        {report.data ? (
          <DownloadCsvButton
            label={t("exportCsv")}
            fileName={t("csvFileName", period)}
            build={csv}
          />
        ) : null}
      </div>
      {!report.data || !total ? (
        <LoadState error={report.error} loadingText={t("loading")} className="py-12 text-center" />
      ) : rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")} text={t("emptyText")} />
      ) : (
        <>
          <HeadlineFigures
            total={{ ...total, group: { channel: "", sourceId: "", campaignId: "" }, children: [] }}
            slug={slug}
            period={period}
            currency={currency}
            showsCosts={report.data.showsCosts}
          />
          <AnalyticsCharts report={report.data} currency={currency} />
          <ReportTable
            rows={rows}
            columns={columns}
            sort={state.sort}
            onSortChange={(sort) => update({ sort })}
            onToggle={toggle}
            loadingIds={loadingIds}
            labelOf={(row) => groupLabel(row.node)}
            slug={slug}
            period={period}
            currency={currency}
          />
        </>
      )}
    </div>
  );
}

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import type { TDataTableFeatures } from "@/components/data-table/data-table-features";
import { MutedText } from "@/components/data-table/muted-text";
import { formatClockDuration } from "@/lib/format-duration";
import { formatPhone } from "@/lib/phones";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { CallCallbackNote } from "./call-callback-note";
import { CallClientCell } from "./call-client-cell";
import { CallDirectionLabel } from "./call-direction-label";
import { CallStatusBadge } from "./call-status-badge";
import type { TCallRow } from "./call-types";

const columnHelper = createColumnHelper<TDataTableFeatures, TCallRow>();

const RECORDING_CLASS: Record<TCallRow["recordingState"], string> = {
  ready: "text-emerald-700",
  pending: "text-amber-700",
  none: "text-slate-400",
  unavailable: "text-slate-500",
};

/** The calls table columns; only the time column sorts (`callTableSorting`). */
export function useCallColumns(slug: string, timeZone: string) {
  const t = useTranslations("calls");
  const dateTime = useWorkspaceDateTime(timeZone);
  return useMemo(() => {
    const titled = (key: string, isHiddenByDefault = false) => ({
      header: t(`columns.${key}`),
      meta: { label: t(`columns.${key}`), isHiddenByDefault },
    });
    const seconds = (key: "waitSeconds" | "talkSeconds") =>
      columnHelper.accessor(key, {
        ...titled(key),
        enableSorting: false,
        meta: { label: t(`columns.${key}`), align: "end" },
        cell: (info) => <MutedText text={formatClockDuration(info.getValue())} />,
      });
    return columnHelper.columns([
      columnHelper.accessor("startedAt", {
        ...titled("startedAt"),
        enableHiding: false,
        cell: (info) => <span className="whitespace-nowrap">{dateTime(info.getValue())}</span>,
      }),
      columnHelper.accessor("direction", {
        ...titled("direction"),
        enableSorting: false,
        cell: (info) => <CallDirectionLabel direction={info.getValue()} />,
      }),
      columnHelper.accessor("status", {
        ...titled("status"),
        enableSorting: false,
        cell: (info) => (
          <span className="space-y-1">
            <CallStatusBadge status={info.getValue()} />
            <CallCallbackNote call={info.row.original} />
          </span>
        ),
      }),
      columnHelper.display({
        id: "client",
        ...titled("client"),
        enableSorting: false,
        cell: (info) => <CallClientCell slug={slug} call={info.row.original} />,
      }),
      columnHelper.accessor("companyNumber", {
        ...titled("companyNumber", true),
        enableSorting: false,
        cell: (info) => (
          <span className="whitespace-nowrap">
            <MutedText text={formatPhone(info.getValue())} />
          </span>
        ),
      }),
      columnHelper.accessor("employeeName", {
        ...titled("employee"),
        enableSorting: false,
        cell: (info) => (
          <MutedText
            text={
              info.getValue() ??
              (info.row.original.extension
                ? t("extension", { extension: info.row.original.extension })
                : null)
            }
          />
        ),
      }),
      seconds("waitSeconds"),
      seconds("talkSeconds"),
      columnHelper.accessor("recordingState", {
        ...titled("recording"),
        enableSorting: false,
        cell: (info) => (
          <span
            data-recording-state={info.getValue()}
            className={`whitespace-nowrap text-xs ${RECORDING_CLASS[info.getValue()]}`}
          >
            {t(`recordingStates.${info.getValue()}`)}
          </span>
        ),
      }),
      columnHelper.accessor("isFirstCall", {
        ...titled("isFirstCall"),
        enableSorting: false,
        cell: (info) =>
          info.getValue() ? (
            <span className="text-xs font-medium text-brand-700">{t("firstCall")}</span>
          ) : (
            <span className="text-xs text-slate-500">{t("repeatCall")}</span>
          ),
      }),
    ]);
  }, [t, dateTime, slug]);
}

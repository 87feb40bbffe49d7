"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";

import { PhoneWithCall } from "@/components/calls/phone-with-call";
import type { TDataTableFeatures } from "@/components/data-table/data-table-features";
import { MutedText } from "@/components/data-table/muted-text";
import { formatMoney } from "@/lib/format-money";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { useTrafficColumns } from "../settings/sites/use-traffic-columns";
import { DealFlags } from "./deal-flags";
import { DealRuleLabel } from "./deal-rule-label";
import { DealStageBadge } from "./deal-stage-badge";
import type { TDealRow } from "./deal-types";

const columnHelper = createColumnHelper<TDataTableFeatures, TDealRow>();

/** The deals table columns; ids of sortable ones match `SORT_FIELD_BY_COLUMN`. */
export function useDealColumns(timeZone: string) {
  const t = useTranslations("deals.columns");
  const locale = useLocale();
  const dateTime = useWorkspaceDateTime(timeZone);
  // The drawer's «Источник» shows them all; as columns they are picked from «Столбцы», so the
  // default columns still fit a 1440 px screen (e2e/deals-table.spec.ts).
  const trafficColumns = useTrafficColumns<TDealRow>("deals.columns", { isHiddenByDefault: true });
  return useMemo(() => {
    const titled = (key: string, isHiddenByDefault = false) => ({
      header: t(key),
      meta: { label: t(key), isHiddenByDefault },
    });
    const plain = (key: string, isHiddenByDefault = false) => ({
      ...titled(key, isHiddenByDefault),
      enableSorting: false,
      cell: ({ getValue }: { getValue: () => string | null }) => <MutedText text={getValue()} />,
    });
    return columnHelper.columns([
      columnHelper.accessor("name", {
        ...titled("name"),
        enableHiding: false,
        cell: (info) => <span className="font-medium text-slate-900">{info.getValue()}</span>,
      }),
      columnHelper.accessor("amountMinor", {
        header: t("amount"),
        meta: { label: t("amount"), align: "end" },
        cell: (info) => formatMoney(info.getValue(), info.row.original.currency, locale),
      }),
      columnHelper.accessor("stage", {
        ...titled("stage"),
        cell: (info) => (
          <DealStageBadge status={info.row.original.status} group={info.row.original.stageGroup} />
        ),
      }),
      columnHelper.accessor("visitStartAt", {
        ...titled("visitStartAt"),
        cell: (info) => <MutedText text={dateTime(info.getValue())} />,
      }),
      columnHelper.accessor("crmCreatedAt", {
        ...titled("crmCreatedAt"),
        cell: (info) => <MutedText text={dateTime(info.getValue())} />,
      }),
      columnHelper.accessor("responsibleName", plain("responsible")),
      columnHelper.accessor("contactName", plain("contactName")),
      columnHelper.accessor("contactPhone", {
        ...plain("contactPhone"),
        cell: (info) => <PhoneWithCall phone={info.getValue()} />,
      }),
      // E-mail and the Klientiks id are in the drawer; as columns they are picked from «Столбцы».
      columnHelper.accessor("contactEmail", plain("contactEmail", true)),
      columnHelper.accessor("externalId", {
        ...plain("externalId", true),
        cell: (info) => <span className="tabular-nums text-slate-500">{info.getValue()}</span>,
      }),
      ...trafficColumns,
      columnHelper.accessor("attributionRule", {
        ...titled("attributionRule", true),
        enableSorting: false,
        cell: (info) => <DealRuleLabel rule={info.getValue()} />,
      }),
      columnHelper.display({
        id: "flags",
        ...titled("flags"),
        enableSorting: false,
        cell: (info) => <DealFlags deal={info.row.original} />,
      }),
    ]);
  }, [t, locale, dateTime, trafficColumns]);
}

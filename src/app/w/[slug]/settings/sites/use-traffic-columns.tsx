"use client";

import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import type { TDataTableFeatures } from "@/components/data-table/data-table-features";
import { MutedText } from "@/components/data-table/muted-text";
import {
  UTM_FIELDS,
  type TRAFFIC_CHANNELS,
  type TUtmField,
} from "@/server/domain/lists/traffic-filters";

import { useSourceLabel } from "./use-source-label";

/** What a lead or deal row says about where it is credited, names resolved by the server. */
type TTrafficRow = Record<TUtmField, string | null> & {
  siteName: string | null;
  sourceName: string | null;
  sourcePresetKey: string | null;
  campaignName: string | null;
  channel: (typeof TRAFFIC_CHANNELS)[number] | null;
};

/**
 * The site, source, campaign, channel and UTM columns of the leads and deals tables; `namespace`
 * holds their titles under the column ids (`site`, `source`, …, `utmTerm`). `isHiddenByDefault`:
 * they wait in «Столбцы» until picked. `noSourceText`: what the source cell says for a row without
 * one (none: a dash).
 */
export function useTrafficColumns<TRow extends TTrafficRow>(
  namespace: "leads.columns" | "deals.columns",
  {
    isHiddenByDefault = false,
    noSourceText,
  }: { isHiddenByDefault?: boolean; noSourceText?: (row: TRow) => string | null } = {},
): ColumnDef<TDataTableFeatures, TRow, unknown>[] {
  const t = useTranslations(namespace);
  const tChannel = useTranslations("sites.channels");
  const sourceLabel = useSourceLabel();
  return useMemo(() => {
    const columnHelper = createColumnHelper<TDataTableFeatures, TRow>();
    const text = (id: string, textOf: (row: TRow) => string | null) =>
      columnHelper.display({
        id,
        header: t(id),
        meta: { label: t(id), isHiddenByDefault },
        enableSorting: false,
        cell: (info) => <MutedText text={textOf(info.row.original)} />,
      });
    return [
      text("site", (row) => row.siteName),
      text("source", (row) =>
        row.sourceName
          ? sourceLabel({ name: row.sourceName, presetKey: row.sourcePresetKey })
          : (noSourceText?.(row) ?? null),
      ),
      text("campaign", (row) => row.campaignName),
      text("channel", (row) => (row.channel ? tChannel(row.channel) : null)),
      ...UTM_FIELDS.map((field) => text(field, (row) => row[field])),
    ];
  }, [t, tChannel, sourceLabel, isHiddenByDefault, noSourceText]);
}

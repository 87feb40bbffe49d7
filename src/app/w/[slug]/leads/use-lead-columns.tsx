"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

import { PhoneWithCall } from "@/components/calls/phone-with-call";
import type { TDataTableFeatures } from "@/components/data-table/data-table-features";
import { MutedText } from "@/components/data-table/muted-text";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { useTrafficColumns } from "../settings/sites/use-traffic-columns";
import { LeadDealLink } from "./lead-deal-link";
import { LeadDuplicateBadge } from "./lead-duplicate-badge";
import { LeadKindBadge } from "./lead-kind-badge";
import { communicationRuleKey } from "./lead-rule-hint";
import { LeadTags } from "./lead-tags";
import type { TLeadRow } from "./lead-types";
import { LeadUrlCell } from "./lead-url-text";

const columnHelper = createColumnHelper<TDataTableFeatures, TLeadRow>();

type TLeadColumnsOptions = {
  slug: string;
  timeZone: string;
  /** Opens a booking's drawer (the original of a duplicate). */
  onOpenLead: (leadId: string) => void;
};

/** A call's yes/no flag in its own words; a booking has none. */
const callFlag = (value: boolean | null, words: (key: "true" | "false") => string) =>
  value === null ? <MutedText text={null} /> : words(value ? "true" : "false");

/**
 * The columns of Обращения и цели (bookings and incoming calls); ids of sortable ones match
 * `SORT_FIELD_BY_COLUMN`.
 */
export function useLeadColumns({ slug, timeZone, onOpenLead }: TLeadColumnsOptions) {
  const t = useTranslations("leads");
  const dateTime = useWorkspaceDateTime(timeZone);
  // An unidentified call has no source: the cell names its rule (docs/call-tracking.md §4).
  const noSourceText = useCallback(
    (row: TLeadRow) =>
      row.kind === "call" && row.rule === "unidentified" ? t("unidentifiedTraffic") : null,
    [t],
  );
  const trafficColumns = useTrafficColumns<TLeadRow>("leads.columns", { noSourceText });
  return useMemo(() => {
    const titled = (key: string) => ({
      header: t(`columns.${key}`),
      meta: { label: t(`columns.${key}`) },
    });
    const plain = (key: string) => ({
      ...titled(key),
      enableSorting: false,
      cell: ({ getValue }: { getValue: () => string | null }) => <MutedText text={getValue()} />,
    });
    return columnHelper.columns([
      columnHelper.accessor("kind", {
        ...titled("kind"),
        enableSorting: false,
        cell: (info) => <LeadKindBadge kind={info.getValue()} />,
      }),
      columnHelper.accessor("occurredAt", {
        ...titled("occurredAt"),
        cell: (info) => <span className="tabular-nums">{dateTime(info.getValue())}</span>,
      }),
      columnHelper.accessor("contactName", {
        ...titled("contactName"),
        enableHiding: false,
        cell: (info) => (
          <span className="font-medium text-slate-900">{info.getValue() ?? t("unnamed")}</span>
        ),
      }),
      columnHelper.accessor("contactPhone", {
        ...plain("contactPhone"),
        cell: (info) => <PhoneWithCall phone={info.getValue()} />,
      }),
      columnHelper.accessor("contactEmail", plain("contactEmail")),
      ...trafficColumns,
      columnHelper.accessor("landingUrl", {
        ...titled("landingUrl"),
        enableSorting: false,
        cell: (info) => <LeadUrlCell url={info.getValue()} />,
      }),
      columnHelper.accessor("referrer", {
        ...titled("referrer"),
        enableSorting: false,
        cell: (info) => <LeadUrlCell url={info.getValue()} />,
      }),
      columnHelper.accessor("rule", {
        id: "attributionRule",
        ...titled("attributionRule"),
        enableSorting: false,
        cell: (info) => {
          const key = communicationRuleKey(info.row.original);
          return key ? t(`rules.${key}`) : <MutedText text={null} />;
        },
      }),
      columnHelper.accessor("isUniqueCall", {
        id: "uniqueCall",
        ...titled("uniqueCall"),
        enableSorting: false,
        cell: (info) => callFlag(info.getValue(), (key) => t(`uniqueCall.${key}`)),
      }),
      columnHelper.accessor("isTargetCall", {
        id: "targetCall",
        ...titled("targetCall"),
        enableSorting: false,
        cell: (info) => callFlag(info.getValue(), (key) => t(`targetCall.${key}`)),
      }),
      columnHelper.accessor("tags", {
        ...titled("tags"),
        enableSorting: false,
        cell: (info) => <LeadTags tags={info.getValue()} />,
      }),
      columnHelper.accessor("duplicateOfId", {
        id: "duplicate",
        ...titled("duplicate"),
        enableSorting: false,
        cell: (info) => {
          const originalId = info.getValue();
          return originalId ? (
            <LeadDuplicateBadge originalId={originalId} onOpen={onOpenLead} />
          ) : (
            <MutedText text={null} />
          );
        },
      }),
      columnHelper.accessor("dealId", {
        id: "deal",
        ...titled("deal"),
        enableSorting: false,
        cell: (info) => <LeadDealLink slug={slug} dealId={info.getValue()} />,
      }),
    ]);
  }, [t, dateTime, trafficColumns, onOpenLead, slug]);
}

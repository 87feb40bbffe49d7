"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/cn";

export const DELIVERY_STATUSES = [
  "pending",
  "processing",
  "processed",
  "failed",
  "rejected",
] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];
const STATUS_STYLE: Record<TDeliveryStatus, string> = {
  pending: "bg-slate-100 text-slate-700",
  processing: "bg-blue-100 text-blue-800",
  processed: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  rejected: "bg-amber-100 text-amber-900",
};

/** One inbox row as any integration's log shows it; `subject` is what it is about (an appointment, a call). */
export type TDeliveryRow = {
  id: string;
  receivedAt: Date;
  source: "webhook" | "reconcile" | "backfill" | "replay";
  subject: string | null;
  subjectHint: string | null;
  status: TDeliveryStatus;
  attempts: number;
  /** The error in plain words, empty when there is none. */
  reason: string;
};

/** The log's status filter and page; changing the filter goes back to the first page. */
export function useDeliveriesPaging() {
  const [status, setStatus] = useState<TDeliveryStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const filterBy = (next: TDeliveryStatus | undefined) => {
    setStatus(next);
    setPage(1);
  };
  return { status, page, setPage, filterBy, query: { status, page, perPage: 20 } };
}

type TDeliveriesTableProps = {
  rows: TDeliveryRow[] | undefined;
  subjectTitle: string;
  paging: ReturnType<typeof useDeliveriesPaging>;
  totalPages: number;
  replay: {
    mutate: (input: { deliveryId: string }) => void;
    isPending: boolean;
    error: string | null;
  };
};

/**
 * An integration's inbox log (Klientiks, telephony): every row with its outcome; failed ones can be
 * replayed after the cause is fixed (R12). The words shared by every log live with Klientiks', the first.
 */
export function DeliveriesTable(props: TDeliveriesTableProps) {
  const t = useTranslations("klientiks");
  const format = useFormatter();
  const { rows, totalPages, replay } = props;
  const { status, page, setPage, filterBy } = props.paging;
  return (
    <Card className="space-y-4" data-testid="deliveries-card">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("deliveries")}</h2>
        <select
          aria-label={t("columns.status")}
          value={status ?? ""}
          onChange={(event) =>
            filterBy((event.target.value || undefined) as TDeliveryStatus | undefined)
          }
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          <option value="">{t("allStatuses")}</option>
          {DELIVERY_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`deliveryStatus.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <FormError message={replay.error} />
      {rows && rows.length > 0 ? (
        // Edge to edge in the card; fixed column widths give the reason the rest, and a phone scrolls.
        <div className="-mx-6 overflow-x-auto">
          <table
            className="w-full min-w-[44rem] table-fixed text-left text-sm"
            data-testid="deliveries-log"
          >
            <colgroup>
              <col className="w-36" />
              <col className="w-24" />
              <col className="w-28" />
              <col className="w-32" />
              <col className="w-20" />
              <col />
              <col className="w-32" />
            </colgroup>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pl-6 pr-3">{t("columns.received")}</th>
                <th className="px-3 py-2">{t("columns.source")}</th>
                <th className="px-3 py-2">{props.subjectTitle}</th>
                <th className="px-3 py-2">{t("columns.status")}</th>
                <th className="px-3 py-2 text-right">{t("columns.attempts")}</th>
                <th className="px-3 py-2">{t("columns.error")}</th>
                <th className="py-2 pl-3 pr-6" />
              </tr>
            </thead>
            <tbody className="align-top">
              {rows.map((row) => (
                <tr
                  key={row.id}
                  className="border-b border-slate-100 last:border-b-0"
                  data-testid="delivery-row"
                  data-status={row.status}
                  data-subject={row.subject ?? ""}
                >
                  <td className="py-2 pl-6 pr-3 tabular-nums">
                    {format.dateTime(row.receivedAt, { dateStyle: "short", timeStyle: "medium" })}
                  </td>
                  <td className="px-3 py-2">{t(`deliverySource.${row.source}`)}</td>
                  <td className="px-3 py-2">
                    <span className="block truncate font-mono" title={row.subject ?? ""}>
                      {row.subject ?? "—"}
                    </span>
                    {row.subjectHint ? (
                      <span
                        className="block truncate text-xs text-slate-400"
                        title={row.subjectHint}
                      >
                        {row.subjectHint}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <span
                      className={cn(
                        "inline-block rounded-md px-2 py-0.5 text-xs font-medium",
                        STATUS_STYLE[row.status],
                      )}
                    >
                      {t(`deliveryStatus.${row.status}`)}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.attempts}</td>
                  <td className="px-3 py-2 text-slate-600">
                    <span className="line-clamp-3 break-words" title={row.reason}>
                      {row.reason}
                    </span>
                  </td>
                  <td className="py-2 pl-3 pr-6 text-right">
                    {row.status === "failed" ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={replay.isPending}
                        onClick={() => replay.mutate({ deliveryId: row.id })}
                      >
                        {t("replay")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t("noDeliveries")}</p>
      )}
      {totalPages > 1 ? (
        <div className="flex items-center justify-end gap-2 text-sm">
          <Button
            size="sm"
            variant="secondary"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            ←
          </Button>
          <span>
            {page} / {totalPages}
          </span>
          <Button
            size="sm"
            variant="secondary"
            disabled={page >= totalPages}
            onClick={() => setPage(page + 1)}
          >
            →
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

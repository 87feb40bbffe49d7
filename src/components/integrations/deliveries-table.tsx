"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/cn";

export const DELIVERY_STATUSES = ["pending", "processing", "processed", "failed", "rejected"] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];
const STATUS_STYLE: Record<TDeliveryStatus, string> = {
  pending: "bg-slate-100 text-slate-700", processing: "bg-blue-100 text-blue-800", processed: "bg-green-100 text-green-800", failed: "bg-red-100 text-red-800", rejected: "bg-amber-100 text-amber-900",
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

type TDeliveriesTableProps = {
  rows: TDeliveryRow[] | undefined;
  subjectTitle: string;
  status: TDeliveryStatus | undefined;
  onStatusChange: (status: TDeliveryStatus | undefined) => void;
  page: number;
  totalPages: number;
  onPageChange: (page: number) => void;
  onReplay: (deliveryId: string) => void;
  isReplaying: boolean;
  replayError: string | null;
};

/**
 * An integration's inbox log (Klientiks, telephony): every row with its outcome; failed ones can be
 * replayed after the cause is fixed (R12). The words shared by every log live with Klientiks', the first.
 */
export function DeliveriesTable(props: TDeliveriesTableProps) {
  const t = useTranslations("klientiks");
  const format = useFormatter();
  const { rows, status, page, totalPages } = props;
  return (
    <Card className="space-y-4" data-testid="deliveries-card">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("deliveries")}</h2>
        <select aria-label={t("columns.status")} value={status ?? ""} onChange={(event) => props.onStatusChange((event.target.value || undefined) as TDeliveryStatus | undefined)} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm">
          <option value="">{t("allStatuses")}</option>
          {DELIVERY_STATUSES.map((value) => <option key={value} value={value}>{t(`deliveryStatus.${value}`)}</option>)}
        </select>
      </div>
      <FormError message={props.replayError} />
      {rows && rows.length > 0 ? (
        // Edge to edge in the card; fixed column widths give the reason the rest, and a phone scrolls.
        <div className="-mx-6 overflow-x-auto">
          <table className="w-full min-w-[44rem] table-fixed text-left text-sm" data-testid="deliveries-log">
            <colgroup>
              <col className="w-36" /><col className="w-24" /><col className="w-28" /><col className="w-32" /><col className="w-20" /><col /><col className="w-32" />
            </colgroup>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pl-6 pr-3">{t("columns.received")}</th><th className="px-3 py-2">{t("columns.source")}</th><th className="px-3 py-2">{props.subjectTitle}</th>
                <th className="px-3 py-2">{t("columns.status")}</th><th className="px-3 py-2 text-right">{t("columns.attempts")}</th><th className="px-3 py-2">{t("columns.error")}</th><th className="py-2 pl-3 pr-6" />
              </tr>
            </thead>
            <tbody className="align-top">
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 last:border-b-0" data-testid="delivery-row" data-status={row.status} data-subject={row.subject ?? ""}>
                  <td className="py-2 pl-6 pr-3 tabular-nums">{format.dateTime(row.receivedAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td className="px-3 py-2">{t(`deliverySource.${row.source}`)}</td>
                  <td className="px-3 py-2">
                    <span className="block truncate font-mono" title={row.subject ?? ""}>{row.subject ?? "—"}</span>
                    {row.subjectHint ? <span className="block truncate text-xs text-slate-400" title={row.subjectHint}>{row.subjectHint}</span> : null}
                  </td>
                  <td className="px-3 py-2"><span className={cn("inline-block rounded-md px-2 py-0.5 text-xs font-medium", STATUS_STYLE[row.status])}>{t(`deliveryStatus.${row.status}`)}</span></td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.attempts}</td>
                  <td className="px-3 py-2 text-slate-600"><span className="line-clamp-3 break-words" title={row.reason}>{row.reason}</span></td>
                  <td className="py-2 pl-3 pr-6 text-right">
                    {row.status === "failed" ? <Button size="sm" variant="secondary" disabled={props.isReplaying} onClick={() => props.onReplay(row.id)}>{t("replay")}</Button> : null}
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
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => props.onPageChange(page - 1)}>←</Button>
          <span>{page} / {totalPages}</span>
          <Button size="sm" variant="secondary" disabled={page >= totalPages} onClick={() => props.onPageChange(page + 1)}>→</Button>
        </div>
      ) : null}
    </Card>
  );
}

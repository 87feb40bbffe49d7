"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/cn";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";
import { useInvalidateKlientiks } from "./use-invalidate-klientiks";
import { useStageLabel } from "../../../deals/use-stage-label";

const STATUSES = ["pending", "processing", "processed", "failed", "rejected"] as const;
type TStatus = (typeof STATUSES)[number];
const STATUS_STYLE: Record<TStatus, string> = {
  pending: "bg-slate-100 text-slate-700", processing: "bg-blue-100 text-blue-800", processed: "bg-green-100 text-green-800", failed: "bg-red-100 text-red-800", rejected: "bg-amber-100 text-amber-900",
};

/** Every inbox row with its outcome; failed ones can be replayed after the cause is fixed. */
export function DeliveriesLog() {
  const t = useTranslations("klientiks");
  const format = useFormatter();
  const stageLabel = useStageLabel();
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const [status, setStatus] = useState<TStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const deliveries = useQuery({ ...trpc.klientiks.deliveries.queryOptions({ status, page, perPage: 20 }), refetchInterval: 5000, placeholderData: keepPreviousData });
  const replay = useMutation(trpc.klientiks.replayDelivery.mutationOptions({ onSuccess: invalidate }));
  const data = deliveries.data;

  return (
    <Card className="space-y-4" data-testid="deliveries-card">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("deliveries")}</h2>
        <select aria-label={t("columns.status")} value={status ?? ""} onChange={(event) => { setStatus((event.target.value || undefined) as TStatus | undefined); setPage(1); }} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm">
          <option value="">{t("allStatuses")}</option>
          {STATUSES.map((value) => <option key={value} value={value}>{t(`deliveryStatus.${value}`)}</option>)}
        </select>
      </div>
      <FormError message={formError(replay.error)} />
      {data && data.data.length > 0 ? (
        // Edge to edge in the card; fixed column widths give the reason the rest, and a phone scrolls.
        <div className="-mx-6 overflow-x-auto">
          <table className="w-full min-w-[44rem] table-fixed text-left text-sm" data-testid="deliveries-log">
            <colgroup>
              <col className="w-36" /><col className="w-24" /><col className="w-28" /><col className="w-32" /><col className="w-20" /><col /><col className="w-32" />
            </colgroup>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pl-6 pr-3">{t("columns.received")}</th><th className="px-3 py-2">{t("columns.source")}</th><th className="px-3 py-2">{t("columns.appointment")}</th>
                <th className="px-3 py-2">{t("columns.status")}</th><th className="px-3 py-2 text-right">{t("columns.attempts")}</th><th className="px-3 py-2">{t("columns.error")}</th><th className="py-2 pl-3 pr-6" />
              </tr>
            </thead>
            <tbody className="align-top">
              {data.data.map((delivery) => {
                const reason = delivery.errorCode ? t(`errorCodes.${delivery.errorCode}`) : "";
                return (
                  <tr key={delivery.id} className="border-b border-slate-100 last:border-b-0" data-testid="delivery-row" data-status={delivery.status} data-appointment-id={delivery.appointmentId ?? ""}>
                    <td className="py-2 pl-6 pr-3 tabular-nums">{format.dateTime(delivery.receivedAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                    <td className="px-3 py-2">{t(`deliverySource.${delivery.source}`)}</td>
                    <td className="px-3 py-2">
                      <span className="font-mono">{delivery.appointmentId ?? "—"}</span>
                      {delivery.statusHint ? <span className="block truncate text-xs text-slate-400" title={stageLabel(delivery.statusHint)}>{stageLabel(delivery.statusHint)}</span> : null}
                    </td>
                    <td className="px-3 py-2"><span className={cn("inline-block rounded-md px-2 py-0.5 text-xs font-medium", STATUS_STYLE[delivery.status])}>{t(`deliveryStatus.${delivery.status}`)}</span></td>
                    <td className="px-3 py-2 text-right tabular-nums">{delivery.attempts}</td>
                    <td className="px-3 py-2 text-slate-600"><span className="line-clamp-3 break-words" title={reason}>{reason}</span></td>
                    <td className="py-2 pl-3 pr-6 text-right">
                      {delivery.status === "failed" ? <Button size="sm" variant="secondary" disabled={replay.isPending} onClick={() => replay.mutate({ deliveryId: delivery.id })}>{t("replay")}</Button> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t("noDeliveries")}</p>
      )}
      {data && data.totalPages > 1 ? (
        <div className="flex items-center justify-end gap-2 text-sm">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>←</Button>
          <span>{page} / {data.totalPages}</span>
          <Button size="sm" variant="secondary" disabled={page >= data.totalPages} onClick={() => setPage(page + 1)}>→</Button>
        </div>
      ) : null}
    </Card>
  );
}

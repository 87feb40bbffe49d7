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
    <Card className="space-y-4 p-0">
      <div className="flex items-center justify-between px-6 pt-6">
        <h2 className="text-lg font-semibold">{t("deliveries")}</h2>
        <select aria-label={t("columns.status")} value={status ?? ""} onChange={(event) => { setStatus((event.target.value || undefined) as TStatus | undefined); setPage(1); }} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm">
          <option value="">{t("allStatuses")}</option>
          {STATUSES.map((value) => <option key={value} value={value}>{t(`deliveryStatus.${value}`)}</option>)}
        </select>
      </div>
      <FormError message={formError(replay.error)} />
      {data && data.data.length > 0 ? (
        <table className="w-full text-left text-sm" data-testid="deliveries-log">
          <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("columns.received")}</th><th className="px-4 py-2">{t("columns.source")}</th><th className="px-4 py-2">{t("columns.appointment")}</th>
              <th className="px-4 py-2">{t("columns.status")}</th><th className="px-4 py-2">{t("columns.attempts")}</th><th className="px-4 py-2">{t("columns.error")}</th><th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {data.data.map((delivery) => (
              <tr key={delivery.id} className="border-b border-slate-100" data-testid="delivery-row" data-status={delivery.status} data-appointment-id={delivery.appointmentId ?? ""}>
                <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(delivery.receivedAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="px-4 py-2">{t(`deliverySource.${delivery.source}`)}</td>
                <td className="px-4 py-2 font-mono">{delivery.appointmentId ?? "—"}{delivery.statusHint ? <span className="ml-1 text-slate-400">({stageLabel(delivery.statusHint)})</span> : null}</td>
                <td className="px-4 py-2"><span className={cn("rounded-full px-2 py-0.5 text-xs font-medium", STATUS_STYLE[delivery.status])}>{t(`deliveryStatus.${delivery.status}`)}</span></td>
                <td className="px-4 py-2">{delivery.attempts}</td>
                <td className="px-4 py-2 text-slate-600">{delivery.errorCode ? t(`errorCodes.${delivery.errorCode}`) : ""}</td>
                <td className="px-4 py-2 text-right">
                  {delivery.status === "failed" ? <Button size="sm" variant="secondary" disabled={replay.isPending} onClick={() => replay.mutate({ deliveryId: delivery.id })}>{t("replay")}</Button> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="px-6 pb-6 text-sm text-slate-500">{t("noDeliveries")}</p>
      )}
      {data && data.totalPages > 1 ? (
        <div className="flex items-center justify-end gap-2 px-6 pb-4 text-sm">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>←</Button>
          <span>{page} / {data.totalPages}</span>
          <Button size="sm" variant="secondary" disabled={page >= data.totalPages} onClick={() => setPage(page + 1)}>→</Button>
        </div>
      ) : null}
    </Card>
  );
}

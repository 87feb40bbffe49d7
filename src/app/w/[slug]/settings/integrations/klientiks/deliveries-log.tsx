"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { DeliveriesTable, useDeliveriesPaging } from "@/components/integrations/deliveries-table";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useStageLabel } from "../../../deals/use-stage-label";
import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

/** Every Klientiks inbox row, by appointment, with its outcome; failed ones can be replayed. */
export function DeliveriesLog() {
  const t = useTranslations("klientiks");
  const stageLabel = useStageLabel();
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const paging = useDeliveriesPaging();
  const deliveries = useQuery({
    ...trpc.klientiks.deliveries.queryOptions(paging.query),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });
  const replay = useMutation(
    trpc.klientiks.replayDelivery.mutationOptions({ onSuccess: invalidate }),
  );
  const rows = deliveries.data?.data.map((delivery) => ({
    ...delivery,
    subject: delivery.appointmentId,
    subjectHint: delivery.statusHint ? stageLabel(delivery.statusHint) : null,
    reason: delivery.errorCode ? t(`errorCodes.${delivery.errorCode}`) : "",
  }));
  return (
    <DeliveriesTable
      rows={rows}
      subjectTitle={t("columns.appointment")}
      paging={paging}
      totalPages={deliveries.data?.totalPages ?? 1}
      replay={{
        mutate: replay.mutate,
        isPending: replay.isPending,
        error: formError(replay.error),
      }}
    />
  );
}

"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DeliveriesTable, type TDeliveryStatus } from "@/components/integrations/deliveries-table";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";
import { useInvalidateTelephony } from "./use-invalidate-telephony";
import { useTelephonyErrorText } from "./use-telephony-error-text";

/** Every call notification in the inbox, by event and call, with its outcome; failed ones can be replayed. */
export function TelephonyDeliveriesLog() {
  const t = useTranslations("telephony.sync");
  const errorText = useTelephonyErrorText();
  const trpc = useTRPC();
  const invalidate = useInvalidateTelephony();
  const { formError } = useErrorText();
  const [status, setStatus] = useState<TDeliveryStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const deliveries = useQuery({ ...trpc.telephony.deliveries.queryOptions({ status, page, perPage: 20 }), refetchInterval: 5000, placeholderData: keepPreviousData });
  const replay = useMutation(trpc.telephony.replayDelivery.mutationOptions({ onSuccess: invalidate }));
  const rows = deliveries.data?.data.map((delivery) => ({
    ...delivery,
    subject: delivery.eventType,
    subjectHint: delivery.providerCallId,
    reason: errorText(delivery.errorCode),
  }));
  return (
    <DeliveriesTable
      rows={rows}
      subjectTitle={t("eventColumn")}
      status={status}
      onStatusChange={(next) => { setStatus(next); setPage(1); }}
      page={page}
      totalPages={deliveries.data?.totalPages ?? 1}
      onPageChange={setPage}
      onReplay={(deliveryId) => replay.mutate({ deliveryId })}
      isReplaying={replay.isPending}
      replayError={formError(replay.error)}
    />
  );
}

"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { DeliveriesTable, useDeliveriesPaging } from "@/components/integrations/deliveries-table";
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
  const paging = useDeliveriesPaging();
  const deliveries = useQuery({
    ...trpc.telephony.deliveries.queryOptions(paging.query),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });
  const replay = useMutation(
    trpc.telephony.replayDelivery.mutationOptions({ onSuccess: invalidate }),
  );
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

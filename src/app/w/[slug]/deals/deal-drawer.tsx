"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { DetailDrawer } from "@/components/data-table/detail-drawer";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";
import { DealContacts } from "./deal-contacts";
import { DealCustomFields } from "./deal-custom-fields";
import { DealRawJson } from "./deal-raw-json";
import { DealServices } from "./deal-services";
import { DealStageHistory } from "./deal-stage-history";
import { DealSummary } from "./deal-summary";

const LIVE_REFRESH_MS = 5_000;

/** The open deal (`?deal=<id>`), refreshed like the list so a stage change shows up while reading. */
export function DealDrawer({ dealId, timeZone, onClose }: { dealId: string; timeZone: string; onClose: () => void }) {
  const t = useTranslations("deals.drawer");
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const deal = useQuery(trpc.deals.byId.queryOptions({ dealId }, { refetchInterval: LIVE_REFRESH_MS, refetchIntervalInBackground: false }));
  const data = deal.data;
  return (
    <DetailDrawer title={data?.name ?? t("title")} subtitle={data ? t("subtitle", { id: data.externalId }) : null} onClose={onClose} testId="deal-drawer">
      {data ? (
        <div className="space-y-5">
          <DealSummary deal={data} timeZone={timeZone} />
          <DealContacts contacts={data.contacts} />
          <DealServices services={data.services} currency={data.currency} />
          <DealCustomFields customFields={data.customFields} />
          <DealStageHistory changes={data.stageChanges} timeZone={timeZone} />
          <DealRawJson raw={data.raw} />
        </div>
      ) : deal.isError ? (
        <FormError message={formError(deal.error)} />
      ) : (
        <p className="text-sm text-slate-500">{t("loading")}</p>
      )}
    </DetailDrawer>
  );
}

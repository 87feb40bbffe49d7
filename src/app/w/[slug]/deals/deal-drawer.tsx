"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { DetailDrawer } from "@/components/data-table/detail-drawer";
import { LoadState } from "@/components/data-table/load-state";
import { RawJsonSection } from "@/components/data-table/raw-json-section";
import { useTRPC } from "@/trpc/react";

import { DealAttribution } from "./deal-attribution";
import { DealContacts } from "./deal-contacts";
import { DealCustomFields } from "./deal-custom-fields";
import { DealServices } from "./deal-services";
import { DealStageHistory } from "./deal-stage-history";
import { DealSummary } from "./deal-summary";

const LIVE_REFRESH_MS = 5_000;

/** The open deal (`?deal=<id>`), refreshed like the list so a stage change shows up while reading. */
export function DealDrawer({
  dealId,
  slug,
  timeZone,
  onClose,
}: {
  dealId: string;
  slug: string;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useTranslations("deals.drawer");
  const trpc = useTRPC();
  const deal = useQuery(
    trpc.deals.byId.queryOptions(
      { dealId },
      { refetchInterval: LIVE_REFRESH_MS, refetchIntervalInBackground: false },
    ),
  );
  const data = deal.data;
  return (
    <DetailDrawer
      title={data?.name ?? t("title")}
      subtitle={data ? t("subtitle", { id: data.externalId }) : null}
      onClose={onClose}
      testId="deal-drawer"
    >
      {data ? (
        <div className="space-y-5">
          <DealSummary deal={data} timeZone={timeZone} />
          <DealAttribution deal={data} slug={slug} />
          <DealContacts contacts={data.contacts} />
          <DealServices services={data.services} currency={data.currency} />
          <DealCustomFields customFields={data.customFields} />
          <DealStageHistory changes={data.stageChanges} timeZone={timeZone} />
          {/* The appointment exactly as Klientiks sent it. */}
          <RawJsonSection
            title={t("sections.raw")}
            toggleLabel={t("showRaw")}
            raw={data.raw}
            testId="deal-raw-json"
          />
        </div>
      ) : (
        <LoadState error={deal.error} loadingText={t("loading")} />
      )}
    </DetailDrawer>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { LoadState } from "@/components/data-table/load-state";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { useTRPC } from "@/trpc/react";

import { useLiveCalls } from "../../calls/use-live-calls";
import { ClientCalls } from "./client-calls";
import { ClientDeals } from "./client-deals";
import { ClientLeads } from "./client-leads";
import { ClientSummary } from "./client-summary";

/** Visits and leads change without a call; they are read again now and then. */
const REFRESH_MS = 60_000;

export function ClientView({
  slug,
  clientId,
  timeZone,
}: {
  slug: string;
  clientId: string;
  timeZone: string;
}) {
  const t = useTranslations("clients");
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.clients.detail.queryOptions(
      { clientId },
      { refetchInterval: REFRESH_MS, refetchIntervalInBackground: false },
    ),
  );
  // A new call or its recording shows up at once.
  useLiveCalls();
  const data = detail.data;
  if (!data)
    return (
      <LoadState error={detail.error} loadingText={t("loading")} className="py-12 text-center" />
    );
  return (
    <div className="space-y-6" data-testid="client-page">
      <PageHeader title={data.client.name ?? t("unnamed")} />
      <Card>
        <ClientSummary client={data.client} />
      </Card>
      <Card>
        <ClientCalls slug={slug} calls={data.calls} timeZone={timeZone} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <ClientDeals slug={slug} deals={data.deals} timeZone={timeZone} />
        </Card>
        <Card>
          <ClientLeads slug={slug} leads={data.leads} timeZone={timeZone} />
        </Card>
      </div>
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useTRPC } from "@/trpc/react";

import { ActivationStep } from "./activation-step";
import { BackfillPanel } from "./backfill-panel";
import { ClientCardLinkStep } from "./client-card-link-step";
import { CredentialsStep } from "./credentials-step";
import { DealsSettingsStep } from "./deals-settings-step";
import { DeliveriesLog } from "./deliveries-log";
import { LeadsSettingsStep } from "./leads-settings-step";
import { SyncHealthPanel } from "./sync-health-panel";
import { WebhookStep } from "./webhook-step";

/** The connection wizard: each step appears once the previous one is done. */
export function KlientiksSettings() {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const connection = useQuery(trpc.klientiks.connection.queryOptions());
  if (connection.isPending) return <p className="text-sm text-slate-500">{t("checking")}</p>;
  const current = connection.data ?? null;
  return (
    <div className="max-w-4xl space-y-6">
      {current?.status === "needs_attention" ? (
        <p
          role="status"
          data-testid="needs-attention-banner"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {t("needsAttention")}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">{t("tariffNote")}</p>
      <CredentialsStep connection={current} />
      {current ? (
        <>
          <ActivationStep status={current.status} />
          <WebhookStep />
          <DealsSettingsStep settings={current.settings} />
          <LeadsSettingsStep settings={current.settings.leads} />
          <ClientCardLinkStep template={current.settings.clientCardUrlTemplate} />
          <SyncHealthPanel />
          <BackfillPanel timeZone={current.settings.accountTimezone} />
          <DeliveriesLog />
        </>
      ) : null}
    </div>
  );
}

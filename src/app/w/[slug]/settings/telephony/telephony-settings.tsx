"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useTRPC } from "@/trpc/react";

import { ConnectCard } from "./connect-card";
import { ExtensionsCard } from "./extensions-card";
import { TelephonyDeliveriesLog } from "./telephony-deliveries-log";
import { TelephonyOptionsCard } from "./telephony-options-card";
import { TelephonySyncPanel } from "./telephony-sync-panel";
import { useTelephonyErrorText } from "./use-telephony-error-text";
import { WebhookCard } from "./webhook-card";

/** Settings → Telephony: connect Zadarma, then the webhook address, the extensions and the sync panel. */
export function TelephonySettings() {
  const t = useTranslations("telephony");
  const errorText = useTelephonyErrorText();
  const trpc = useTRPC();
  const connection = useQuery({
    ...trpc.telephony.connection.queryOptions(),
    refetchInterval: 10_000,
  });
  if (connection.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  const current = connection.data ?? null;
  const isOn = current !== null && current.status !== "inactive";
  return (
    <div className="max-w-4xl space-y-6">
      {current?.status === "needs_attention" ? (
        <p
          role="status"
          data-testid="telephony-needs-attention"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {t("needsAttention", { reason: errorText(current.lastError) || "—" })}
        </p>
      ) : null}
      <ConnectCard connection={current} />
      {current && isOn ? (
        <>
          {current.webhook ? (
            <WebhookCard webhook={current.webhook} provider={current.provider} />
          ) : null}
          <ExtensionsCard />
          <TelephonyOptionsCard settings={current.settings} />
          <TelephonySyncPanel />
          <TelephonyDeliveriesLog />
        </>
      ) : null}
    </div>
  );
}

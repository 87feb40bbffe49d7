"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { usePastRelativeTime } from "@/lib/use-past-relative-time";
import { useTRPC } from "@/trpc/react";

import { useStageLabel } from "../../../deals/use-stage-label";
import { RegisterInEmulatorButton } from "./register-in-emulator-button";
import { WebhookAddresses } from "./webhook-addresses";

const LIVE_CHECK_INTERVAL_MS = 3000;

/** The secret URL, the exact addresses to paste into Klientiks, and a live check of what arrived. */
export function WebhookStep() {
  const t = useTranslations("klientiks");
  const ago = usePastRelativeTime();
  const trpc = useTRPC();
  const stageLabel = useStageLabel();
  const setup = useQuery(trpc.klientiks.webhookSetup.queryOptions());
  const health = useQuery({
    ...trpc.klientiks.syncHealth.queryOptions(),
    refetchInterval: LIVE_CHECK_INTERVAL_MS,
  });
  const deals = setup.data?.find((endpoint) => endpoint.purpose === "deals");
  const last = health.data?.lastWebhook;
  // Null until the connection is switched on: before that no webhook is awaited.
  const activatedAt = health.data?.activatedAt;

  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t("step3")}</h2>
        <p className="text-sm text-slate-600">{t("step3Hint")}</p>
      </div>
      {deals ? (
        <WebhookAddresses endpoint={deals} urlLabel={t("webhookUrl")} testIdPrefix="" />
      ) : null}
      <RegisterInEmulatorButton />
      <div className="rounded-md bg-slate-50 px-4 py-3 text-sm" data-testid="live-check">
        <p className="font-medium text-slate-700">{t("liveCheck")}</p>
        {last ? (
          last.status === "rejected" ? (
            <p className="text-amber-800">
              {t("lastWebhookRejected", {
                time: ago(last.receivedAt),
                reason: t(`errorCodes.${last.errorCode ?? "internal"}`),
              })}
            </p>
          ) : (
            <p className="text-green-800">
              {t("lastWebhook", {
                time: ago(last.receivedAt),
                appointment: last.appointmentId ?? "—",
                status: last.statusHint ? stageLabel(last.statusHint) : "—",
              })}
            </p>
          )
        ) : (
          <p className="text-slate-600">
            {activatedAt
              ? t("waitingWebhook", { time: ago(activatedAt) })
              : t("liveCheckAfterActivation")}
          </p>
        )}
      </div>
    </Card>
  );
}

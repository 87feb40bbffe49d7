"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { CopyField } from "@/components/ui/copy-field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { usePastRelativeTime } from "@/lib/use-past-relative-time";
import { useTRPC } from "@/trpc/react";

import { useInvalidateTelephony } from "./use-invalidate-telephony";

type TProvider = "zadarma" | "mango";

type TWebhook = {
  url: string;
  confirmedAt: Date | null;
  lastEvent: { receivedAt: Date; eventType: string | null } | null;
};

/**
 * The secret address the PBX sends its events to: every field of Zadarma's «Уведомления о звонках
 * в АТС», or Mango's «Адрес внешней системы» (with its trailing slash); whether the provider proved
 * it reaches it (Zadarma's `zd_echo`, Mango's «Проверить подключение»), and the last event
 * received, live.
 */
export function WebhookCard({ webhook, provider }: { webhook: TWebhook; provider: TProvider }) {
  const t = useTranslations(provider === "mango" ? "telephony.webhook.mango" : "telephony.webhook");
  const ago = usePastRelativeTime();
  const trpc = useTRPC();
  const invalidate = useInvalidateTelephony();
  const { formError } = useErrorText();
  const emulator = useQuery(trpc.telephony.emulatorHelpers.queryOptions());
  const register = useMutation(
    trpc.telephony.registerEmulatorWebhook.mutationOptions({ onSuccess: invalidate }),
  );
  return (
    <Card className="space-y-3" data-testid="telephony-webhook">
      <CardHeading title={t("title")} hint={t("hint")} />
      <CopyField value={webhook.url} label={t("url")} testId="telephony-webhook-url" />
      <p
        className={webhook.confirmedAt ? "text-sm text-green-700" : "text-sm text-slate-600"}
        data-testid="telephony-webhook-confirmed"
      >
        {webhook.confirmedAt
          ? t("confirmed", { time: ago(webhook.confirmedAt) })
          : t("notConfirmed")}
      </p>
      <p className="text-sm text-slate-600" data-testid="telephony-last-event">
        {webhook.lastEvent
          ? t("lastEvent", {
              event: webhook.lastEvent.eventType ?? "—",
              time: ago(webhook.lastEvent.receivedAt),
            })
          : t("noEvents")}
      </p>
      {emulator.data?.emulators[provider] ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={register.isPending}
            onClick={() => register.mutate()}
          >
            {t("registerInEmulator")}
          </Button>
          {register.isSuccess ? (
            <span role="status" className="text-sm text-green-700">
              {t("registeredInEmulator")}
            </span>
          ) : null}
          <FormError message={formError(register.error)} />
        </div>
      ) : null}
    </Card>
  );
}

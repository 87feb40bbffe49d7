"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useTRPC } from "@/trpc/react";

import { RegisterInEmulatorButton } from "./register-in-emulator-button";
import { WebhookAddresses } from "./webhook-addresses";

/** The widget integration's own secret URL and its one «Онлайн-запись через виджет» address. */
export function WidgetWebhookPanel() {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const setup = useQuery(trpc.klientiks.webhookSetup.queryOptions());
  const widget = setup.data?.find((endpoint) => endpoint.purpose === "widget");
  if (setup.isPending) return null;
  if (!widget) return <p className="text-sm text-slate-500">{t("widgetUrlAfterSave")}</p>;
  return (
    <div className="space-y-3 rounded-md bg-slate-50 px-4 py-3">
      <p className="text-sm text-slate-600">{t("widgetWebhookHint")}</p>
      <WebhookAddresses endpoint={widget} urlLabel={t("widgetWebhookUrl")} testIdPrefix="widget-" />
      <RegisterInEmulatorButton />
    </div>
  );
}

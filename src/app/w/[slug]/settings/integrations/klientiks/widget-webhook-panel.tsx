"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CopyField } from "@/components/ui/copy-field";
import { useTRPC } from "@/trpc/react";
import { RegisterInEmulatorButton } from "./register-in-emulator-button";

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
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">{t("webhookUrl")}</p>
        <CopyField value={widget.url} label={t("widgetWebhookUrl")} testId="widget-webhook-url" />
      </div>
      {widget.templates.map((template) => (
        <div key={template.event} className="space-y-1">
          <p className="text-sm font-medium text-slate-700">«{t(`events.${template.event}`)}» — {t("addressFor")}</p>
          <CopyField value={template.address} label={`${t("widgetWebhookUrl")}: ${t("addressFor")}`} testId={`widget-webhook-template-${template.event}`} />
        </div>
      ))}
      <RegisterInEmulatorButton />
    </div>
  );
}

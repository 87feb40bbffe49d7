"use client";

import { useTranslations } from "next-intl";

import { CopyField } from "@/components/ui/copy-field";

import { WebhookRotation, type TReplacedWebhook } from "./webhook-rotation";

type TWebhookEndpoint = {
  purpose: "deals" | "widget";
  url: string;
  templates: { event: string; address: string }[];
  lastReceivedAt: Date | null;
  replaced: TReplacedWebhook[];
};

/** One integration's secret URL, the «Адрес запроса» to paste into Klientiks for each of its events, and its replacement. */
export function WebhookAddresses({
  endpoint,
  urlLabel,
  testIdPrefix,
}: {
  endpoint: TWebhookEndpoint;
  urlLabel: string;
  testIdPrefix: string;
}) {
  const t = useTranslations("klientiks");
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">{t("webhookUrl")}</p>
        <CopyField value={endpoint.url} label={urlLabel} testId={`${testIdPrefix}webhook-url`} />
      </div>
      {endpoint.templates.map((template) => (
        <div key={template.event} className="space-y-1">
          <p className="text-sm font-medium text-slate-700">
            «{t(`events.${template.event}`)}» — {t("addressFor")}
          </p>
          <CopyField
            value={template.address}
            label={`${urlLabel} — ${t("addressFor")}: ${t(`events.${template.event}`)}`}
            testId={`${testIdPrefix}webhook-template-${template.event}`}
          />
        </div>
      ))}
      <WebhookRotation
        purpose={endpoint.purpose}
        lastReceivedAt={endpoint.lastReceivedAt}
        replaced={endpoint.replaced}
      />
    </div>
  );
}

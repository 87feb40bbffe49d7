"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { FormError } from "@/components/ui/form-error";
import { formatTimeZone } from "@/lib/time-zones";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { SettingsToggle } from "../integrations/klientiks/settings-toggle";
import { useInvalidateTelephony } from "./use-invalidate-telephony";

type TSettings = {
  popup: "rung_extension" | "all_agents";
  timeZone: string | null;
  recordingRetentionDays: number | null;
  callerName: boolean;
};

/** Whose screen an incoming call opens the client card on, the caller name, and what the PBX decides. */
export function TelephonyOptionsCard({ settings }: { settings: TSettings }) {
  const t = useTranslations("telephony.options");
  const locale = useLocale();
  const trpc = useTRPC();
  const invalidate = useInvalidateTelephony();
  const { formError } = useErrorText();
  const update = useMutation(
    trpc.telephony.updateSettings.mutationOptions({ onSuccess: invalidate }),
  );
  return (
    <Card className="space-y-4" data-testid="telephony-options">
      <CardHeading title={t("title")} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("popup")}</legend>
        {(["rung_extension", "all_agents"] as const).map((popup) => (
          <label key={popup} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="popup"
              className="accent-brand-600"
              checked={settings.popup === popup}
              disabled={update.isPending}
              onChange={() => update.mutate({ popup })}
            />
            {t(`popupChoices.${popup}`)}
          </label>
        ))}
      </fieldset>
      <SettingsToggle
        label={t("callerName")}
        hint={t("callerNameHint")}
        checked={settings.callerName}
        onChange={(callerName) => update.mutate({ callerName })}
      />
      <dl className="grid gap-2 text-sm md:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("timeZone")}</dt>
          <dd>
            {settings.timeZone ? formatTimeZone(settings.timeZone, locale) : t("timeZoneUnknown")}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("retention")}</dt>
          <dd>
            {settings.recordingRetentionDays === null
              ? t("retentionProvider")
              : t("retentionDays", { days: settings.recordingRetentionDays })}
          </dd>
        </div>
      </dl>
      <FormError message={formError(update.error)} />
    </Card>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { TextField } from "@/components/ui/field";

import type { TLeadsSettings } from "./leads-settings-step";
import { SettingsToggle } from "./settings-toggle";

type TProps = {
  draft: TLeadsSettings;
  onChange: (patch: Partial<TLeadsSettings>) => void;
  fieldError: (field: "widgetOpenWindowMinutes" | "contactMatchWindowDays") => string | null;
};

/** How a booking without a session id is still matched to a visit, and how repeats are marked. */
export function LeadMatchingFields({ draft, onChange, fieldError }: TProps) {
  const t = useTranslations("klientiks");
  // An emptied field is sent as 0 so the server names the field instead of dropping it silently.
  const toWhole = (value: string) => (value === "" ? 0 : Math.trunc(Number(value)));
  return (
    <details className="space-y-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-700">
        {t("matchingSettings")}
      </summary>
      <div className="mt-3 grid max-w-2xl gap-3 sm:grid-cols-2">
        <TextField
          type="number"
          min={1}
          max={1440}
          label={t("widgetOpenWindow")}
          hint={t("widgetOpenWindowHint")}
          error={fieldError("widgetOpenWindowMinutes")}
          value={draft.widgetOpenWindowMinutes}
          onChange={(event) => onChange({ widgetOpenWindowMinutes: toWhole(event.target.value) })}
        />
        <TextField
          type="number"
          min={1}
          max={90}
          label={t("contactMatchWindow")}
          hint={t("contactMatchWindowHint")}
          error={fieldError("contactMatchWindowDays")}
          value={draft.contactMatchWindowDays}
          onChange={(event) => onChange({ contactMatchWindowDays: toWhole(event.target.value) })}
        />
      </div>
      <div className="mt-3">
        <SettingsToggle
          label={t("markDuplicates")}
          hint={t("markDuplicatesHint")}
          checked={draft.markDuplicates}
          onChange={(markDuplicates) => onChange({ markDuplicates })}
        />
      </div>
    </details>
  );
}

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import {
  ATTRIBUTION_MODELS,
  DEFAULT_ATTRIBUTION_MODEL,
  type TAttributionModel,
} from "@/server/domain/analytics/attribution-models";
import {
  ZAttributionSettingsSchema,
  type TAttributionSettingsRequest,
} from "@/server/domain/analytics/attribution-settings-schema";
import { useTRPC } from "@/trpc/react";

import { useRefreshAfterAttributionChange } from "./use-attribution-change";

/** The model and the window; the form appears once the stored values are known. */
export function AttributionModelForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.attribution.settings.queryOptions());
  return settings.data ? <ModelFormFields stored={settings.data} /> : null;
}

function ModelFormFields({ stored }: { stored: TAttributionSettingsRequest }) {
  const t = useTranslations("attribution");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("validation");
  const trpc = useTRPC();
  const refresh = useRefreshAfterAttributionChange();
  const { formError, fieldError } = useErrorText();
  const [model, setModel] = useState<TAttributionModel>(stored.model);
  // Kept as typed, so a half-typed or empty value is shown back rather than turned into 0.
  const [windowText, setWindowText] = useState(String(stored.windowDays));
  const [windowError, setWindowError] = useState<string | null>(null);
  const save = useMutation(trpc.attribution.updateSettings.mutationOptions({ onSuccess: refresh }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZAttributionSettingsSchema.safeParse({
      model,
      windowDays: windowText.trim() === "" ? Number.NaN : Number(windowText),
    });
    if (!parsed.success) {
      setWindowError(tValidation("attributionWindowDays"));
      return;
    }
    setWindowError(null);
    save.mutate(parsed.data);
  };

  return (
    <Card data-testid="attribution-model">
      <form method="post" className="space-y-4" onSubmit={onSubmit} noValidate>
        <CardHeading title={t("modelTitle")} hint={t("modelHint")} />
        <fieldset className="space-y-3">
          <legend className="sr-only">{t("modelTitle")}</legend>
          {ATTRIBUTION_MODELS.map((option) => (
            <label key={option} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="attributionModel"
                value={option}
                className="mt-1 accent-brand-600"
                checked={model === option}
                onChange={() => setModel(option)}
              />
              <span>
                <span className="font-medium text-slate-800">{t(`models.${option}.title`)}</span>
                {option === DEFAULT_ATTRIBUTION_MODEL ? (
                  <span className="ml-2 text-xs text-slate-500">{t("defaultModel")}</span>
                ) : null}
                <span className="block text-slate-600">{t(`models.${option}.hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="max-w-xs">
          <TextField
            label={t("windowDays")}
            hint={t("windowDaysHint")}
            inputMode="numeric"
            value={windowText}
            onChange={(event) => setWindowText(event.target.value)}
            error={windowError ?? fieldError(save.error, "windowDays")}
          />
        </div>
        <FormError
          message={
            save.error && !fieldError(save.error, "windowDays") ? formError(save.error) : null
          }
        />
        {save.isSuccess ? (
          <p role="status" className="text-sm text-green-700">
            {save.data.recomputeStarted ? t("savedWithRecompute") : t("saved")}
          </p>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tCommon("saving") : tCommon("save")}
        </Button>
      </form>
    </Card>
  );
}

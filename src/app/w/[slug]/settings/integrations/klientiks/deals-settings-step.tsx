"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { DealRecomputeProgress } from "@/components/deals/deal-recompute-progress";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { TimeZoneOptions } from "@/components/ui/time-zone-options";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { SettingsToggle } from "./settings-toggle";
import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

/** The section this step saves; the widget step saves `leads` on its own. */
type TSettings = {
  deals: {
    isEnabled: boolean;
    responsible: "executor" | "author";
    excludeSubscriptionVisits: boolean;
  };
  accountTimezone: string;
};

/** «Передача сделок», «Сотрудник-исполнитель / автор записи», «Учитывать абонемент в сделке». */
export function DealsSettingsStep({ settings }: { settings: TSettings }) {
  const t = useTranslations("klientiks");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const [draft, setDraft] = useState<TSettings>({
    deals: settings.deals,
    accountTimezone: settings.accountTimezone,
  });
  const save = useMutation(
    trpc.klientiks.updateSettings.mutationOptions({ onSuccess: invalidate }),
  );
  const setDeals = (patch: Partial<TSettings["deals"]>) =>
    setDraft((previous) => ({ ...previous, deals: { ...previous.deals, ...patch } }));

  return (
    <Card className="space-y-4" data-testid="deals-settings">
      <h2 className="text-lg font-semibold">{t("step4")}</h2>
      <SettingsToggle
        label={t("dealsEnabled")}
        hint={t("dealsEnabledHint")}
        checked={draft.deals.isEnabled}
        onChange={(isEnabled) => setDeals({ isEnabled })}
      />
      {draft.deals.isEnabled ? (
        <div className="space-y-4 border-l-2 border-slate-100 pl-4">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t("responsible")}</legend>
            {(["executor", "author"] as const).map((responsible) => (
              <label key={responsible} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="responsible"
                  className="accent-brand-600"
                  checked={draft.deals.responsible === responsible}
                  onChange={() => setDeals({ responsible })}
                />
                {t(responsible === "executor" ? "responsibleExecutor" : "responsibleAuthor")}
              </label>
            ))}
          </fieldset>
          <SettingsToggle
            label={t("excludeSubscription")}
            hint={t("excludeSubscriptionHint")}
            checked={draft.deals.excludeSubscriptionVisits}
            onChange={(excludeSubscriptionVisits) => setDeals({ excludeSubscriptionVisits })}
          />
          <div className="max-w-xs">
            <SelectField
              label={t("accountTimezone")}
              value={draft.accountTimezone}
              onChange={(event) =>
                setDraft((previous) => ({ ...previous, accountTimezone: event.target.value }))
              }
            >
              <TimeZoneOptions current={draft.accountTimezone} />
            </SelectField>
          </div>
        </div>
      ) : null}
      <FormError message={formError(save.error)} />
      {save.isSuccess ? (
        <p role="status" className="text-sm text-green-700">
          {t("settingsSaved")}
        </p>
      ) : null}
      <DealRecomputeProgress />
      <Button onClick={() => save.mutate(draft)} disabled={save.isPending}>
        {tCommon("save")}
      </Button>
    </Card>
  );
}

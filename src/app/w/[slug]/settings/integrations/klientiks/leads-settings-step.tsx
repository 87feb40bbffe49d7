"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import type { TKlientiksSettings } from "@/server/domain/klientiks/settings";
import { useTRPC } from "@/trpc/react";

import { LeadDefaultsFields } from "./lead-defaults-fields";
import { LeadMatchingFields } from "./lead-matching-fields";
import { SettingsToggle } from "./settings-toggle";
import { useInvalidateKlientiks } from "./use-invalidate-klientiks";
import { WidgetWebhookPanel } from "./widget-webhook-panel";

export type TLeadsSettings = TKlientiksSettings["leads"];

/**
 * The brief's «Подключение интеграции с Онлайн-виджетом»: «Передача заявок», «Передавать тег по
 * источнику ВОЗ» and «Тип трафика» with its defaults. It shares the credentials and activation
 * of the connection; it has its own webhook URL, shown once leads are on.
 */
export function LeadsSettingsStep({ settings }: { settings: TLeadsSettings }) {
  const t = useTranslations("klientiks");
  const tCommon = useTranslations("common");
  const { slug } = useParams<{ slug: string }>();
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError, fieldError } = useErrorText();
  const [draft, setDraft] = useState<TLeadsSettings>(settings);
  const save = useMutation(
    trpc.klientiks.updateSettings.mutationOptions({ onSuccess: invalidate }),
  );
  const change = (patch: Partial<TLeadsSettings>) =>
    setDraft((previous) => ({ ...previous, ...patch }));

  return (
    <Card className="space-y-4" data-testid="leads-settings">
      <div>
        <h2 className="text-lg font-semibold">{t("step5")}</h2>
        <p className="text-sm text-slate-600">
          {t.rich("step5Hint", {
            link: (chunks) => (
              <Link className="text-brand-700 underline" href={`/w/${slug}/leads`}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
      <SettingsToggle
        label={t("leadsEnabled")}
        hint={t("leadsEnabledHint")}
        checked={draft.isEnabled}
        onChange={(isEnabled) => change({ isEnabled })}
      />
      {draft.isEnabled ? (
        <div className="space-y-4 border-l-2 border-slate-100 pl-4">
          <WidgetWebhookPanel />
          <SettingsToggle
            label={t("passWidgetSourceTag")}
            hint={t("passWidgetSourceTagHint")}
            checked={draft.passWidgetSourceTag}
            onChange={(passWidgetSourceTag) => change({ passWidgetSourceTag })}
          />
          <LeadDefaultsFields draft={draft} onChange={change} />
          <LeadMatchingFields
            draft={draft}
            onChange={change}
            fieldError={(field) => fieldError(save.error, `leads.${field}`)}
          />
        </div>
      ) : null}
      <FormError message={formError(save.error)} />
      {save.isSuccess ? (
        <p role="status" className="text-sm text-green-700">
          {t("settingsSaved")}
        </p>
      ) : null}
      <Button onClick={() => save.mutate({ leads: draft })} disabled={save.isPending}>
        {tCommon("save")}
      </Button>
    </Card>
  );
}

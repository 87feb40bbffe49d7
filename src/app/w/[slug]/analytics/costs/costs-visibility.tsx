"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { SettingsToggle } from "../../settings/integrations/klientiks/settings-toggle";
import { useRefreshAfterCostChange } from "./use-refresh-after-cost-change";

/** The role setting «Скрывать расходы от агентов» (docs/analytics-costs.md §5). */
export function CostsVisibility({ hideCostsFromAgents }: { hideCostsFromAgents: boolean }) {
  const t = useTranslations("costs");
  const trpc = useTRPC();
  const refreshAfterCostChange = useRefreshAfterCostChange();
  const { formError } = useErrorText();
  const save = useMutation(
    trpc.costs.setHideFromAgents.mutationOptions({
      onSuccess: refreshAfterCostChange,
    }),
  );
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">{t("visibilityTitle")}</h2>
      <Card className="space-y-3">
        <SettingsToggle
          label={t("hideFromAgents")}
          hint={t("hideFromAgentsHint")}
          checked={save.isPending ? save.variables.hideCostsFromAgents : hideCostsFromAgents}
          onChange={(checked) => save.mutate({ hideCostsFromAgents: checked })}
        />
        <FormError message={formError(save.error)} />
      </Card>
    </section>
  );
}

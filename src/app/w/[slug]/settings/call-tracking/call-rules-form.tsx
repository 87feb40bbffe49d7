"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateCallTracking } from "./use-call-tracking";

/** The workspace's unique period and target duration; saving recomputes every call's flags. */
export function CallRulesForm({
  settings,
}: {
  settings: { callUniqueDays: number; callTargetSeconds: number };
}) {
  const t = useTranslations("callTracking");
  const trpc = useTRPC();
  const invalidate = useInvalidateCallTracking();
  const { formError, fieldError } = useErrorText();
  const [uniqueDays, setUniqueDays] = useState(String(settings.callUniqueDays));
  const [targetSeconds, setTargetSeconds] = useState(String(settings.callTargetSeconds));
  const save = useMutation(
    trpc.callTracking.updateSettings.mutationOptions({ onSuccess: () => invalidate() }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ callUniqueDays: Number(uniqueDays), callTargetSeconds: Number(targetSeconds) });
  };

  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">{t("rulesTitle")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("rulesHint")}</p>
      <form method="post" onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate>
        <TextField
          label={t("uniqueDays")}
          type="number"
          min={1}
          max={365}
          value={uniqueDays}
          onChange={(event) => setUniqueDays(event.target.value)}
          data-testid="ct-unique-days"
          error={fieldError(save.error, "callUniqueDays")}
          hint={t("uniqueDaysHint")}
        />
        <TextField
          label={t("targetSeconds")}
          type="number"
          min={0}
          max={3600}
          value={targetSeconds}
          onChange={(event) => setTargetSeconds(event.target.value)}
          data-testid="ct-target-seconds"
          error={fieldError(save.error, "callTargetSeconds")}
          hint={t("targetSecondsHint")}
        />
        <FormActions
          submitLabel={t("save")}
          variant="secondary"
          isPending={save.isPending}
          submitTestId="ct-save-rules"
          savedLabel={save.isSuccess ? t("saved") : null}
          error={save.error && !save.error.data?.fieldErrors ? formError(save.error) : null}
        />
      </form>
    </Card>
  );
}

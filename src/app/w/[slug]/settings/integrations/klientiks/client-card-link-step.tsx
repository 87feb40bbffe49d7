"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

/** Where the incoming-call card links a client's card in Klientiks (server: domain/klientiks/client-card-url.ts). */
export function ClientCardLinkStep({ template }: { template: string }) {
  const t = useTranslations("klientiks");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError, fieldError } = useErrorText();
  const [draft, setDraft] = useState(template);
  const save = useMutation(
    trpc.klientiks.updateSettings.mutationOptions({ onSuccess: invalidate }),
  );

  return (
    <Card className="space-y-4" data-testid="client-card-link-settings">
      <h2 className="text-lg font-semibold">{t("clientCardLinkTitle")}</h2>
      <TextField
        label={t("clientCardLinkLabel")}
        hint={t("clientCardLinkHint")}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        error={fieldError(save.error, "clientCardUrlTemplate")}
        spellCheck={false}
      />
      <FormError
        message={
          save.error && !fieldError(save.error, "clientCardUrlTemplate")
            ? formError(save.error)
            : null
        }
      />
      {save.isSuccess ? (
        <p role="status" className="text-sm text-green-700">
          {t("settingsSaved")}
        </p>
      ) : null}
      <Button
        onClick={() => save.mutate({ clientCardUrlTemplate: draft })}
        disabled={save.isPending}
      >
        {tCommon("save")}
      </Button>
    </Card>
  );
}

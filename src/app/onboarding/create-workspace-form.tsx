"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { TimeZoneOptions } from "@/components/ui/time-zone-options";
import { useErrorText } from "@/lib/use-error-text";
import { CURRENCIES, type TCurrency } from "@/lib/workspace-options";
import { useTRPC } from "@/trpc/react";

export function CreateWorkspaceForm() {
  const t = useTranslations("onboarding");
  const router = useRouter();
  const trpc = useTRPC();
  const { formError, fieldError } = useErrorText();
  const create = useMutation(
    trpc.account.createWorkspace.mutationOptions({
      onSuccess: ({ slug }) => router.push(`/w/${slug}/deals`),
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name")),
      timezone: String(form.get("timezone")),
      currency: String(form.get("currency")) as TCurrency,
    });
  };

  const error = create.error;
  return (
    <Card>
      <form method="post" onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t("name")}
          name="name"
          placeholder={t("namePlaceholder")}
          required
          error={fieldError(error, "name")}
        />
        <SelectField
          label={t("timezone")}
          name="timezone"
          defaultValue="Europe/Moscow"
          error={fieldError(error, "timezone")}
        >
          <TimeZoneOptions />
        </SelectField>
        <SelectField
          label={t("currency")}
          name="currency"
          defaultValue="RUB"
          error={fieldError(error, "currency")}
        >
          {CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </SelectField>
        <FormError message={error && !error.data?.fieldErrors ? formError(error) : null} />
        <Button type="submit" className="w-full" disabled={create.isPending || create.isSuccess}>
          {t("submit")}
        </Button>
      </form>
    </Card>
  );
}

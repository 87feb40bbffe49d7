"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

export function AddSiteForm() {
  const t = useTranslations("sites");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formError, fieldError } = useErrorText();
  const [domain, setDomain] = useState("");
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.sites.create.mutationOptions({
      onSuccess: async () => {
        setDomain("");
        setName("");
        await queryClient.invalidateQueries({ queryKey: trpc.sites.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ domain, name });
  };
  const error = create.error;

  return (
    <Card>
      <h3 className="mb-4 text-base font-semibold">{t("addTitle")}</h3>
      <form
        method="post"
        onSubmit={submit}
        className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-start"
        noValidate
      >
        <TextField
          label={t("domain")}
          value={domain}
          onChange={(event) => setDomain(event.target.value)}
          placeholder="salon.ru"
          spellCheck={false}
          error={fieldError(error, "domain")}
          hint={t("domainHint")}
        />
        <TextField
          label={t("name")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldError(error, "name")}
        />
        <Button type="submit" className="md:mt-6" disabled={create.isPending}>
          {t("add")}
        </Button>
        <div className="md:col-span-3">
          <FormError message={error && !error.data?.fieldErrors ? formError(error) : null} />
        </div>
      </form>
    </Card>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useRefreshAfterAttributionChange } from "./use-attribution-change";

/** A value no deal declares yet (or typed ahead of Klientiks), mapped in one step; the server normalises it. */
export function AddLeadSourceForm({ sources }: { sources: { id: string; label: string }[] }) {
  const t = useTranslations("attribution");
  const trpc = useTRPC();
  const refresh = useRefreshAfterAttributionChange();
  const { formError, fieldError } = useErrorText();
  const [value, setValue] = useState("");
  const [sourceId, setSourceId] = useState("");
  const add = useMutation(
    trpc.attribution.mapLeadSource.mutationOptions({
      onSuccess: async () => {
        setValue("");
        await refresh();
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ value, sourceId });
  };

  return (
    <form method="post" className="space-y-3 border-t border-slate-100 pt-4" onSubmit={onSubmit}>
      <h3 className="text-sm font-semibold text-slate-800">{t("addTitle")}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("addValue")}
          hint={t("addValueHint")}
          value={value}
          maxLength={200}
          onChange={(event) => setValue(event.target.value)}
          error={fieldError(add.error, "value")}
        />
        <SelectField
          label={t("addSource")}
          value={sourceId}
          onChange={(event) => setSourceId(event.target.value)}
          error={fieldError(add.error, "sourceId")}
        >
          <option value="">{t("chooseSource")}</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.label}
            </option>
          ))}
        </SelectField>
      </div>
      <FormError message={add.error ? formError(add.error) : null} />
      <Button
        type="submit"
        variant="secondary"
        disabled={add.isPending || value.trim() === "" || sourceId === ""}
      >
        {t("add")}
      </Button>
    </form>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useSourceLabel } from "./use-source-label";

export type TCampaignView = { id: string; name: string; sourceId: string; utmCampaigns: string[] };
type TSourceOption = { id: string; name: string; presetKey: string | null };

const splitValues = (text: string) =>
  text
    .split(/[,\n]/)
    .map((value) => value.trim())
    .filter(Boolean);

/** Adds a campaign, or edits `editing` (its own field errors are under `changes.`). */
export function CampaignForm({
  sources,
  editing,
  onDone,
}: {
  sources: TSourceOption[];
  editing: TCampaignView | null;
  onDone: () => void;
}) {
  const t = useTranslations("sites");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sourceLabel = useSourceLabel();
  const { formError, fieldError } = useErrorText();
  const [name, setName] = useState(editing?.name ?? "");
  const [sourceId, setSourceId] = useState(editing?.sourceId ?? sources[0]?.id ?? "");
  const [values, setValues] = useState(editing?.utmCampaigns.join(", ") ?? "");
  const onSuccess = async () => {
    setName("");
    setValues("");
    onDone();
    await queryClient.invalidateQueries({ queryKey: trpc.sites.campaigns.queryKey() });
  };
  const create = useMutation(trpc.sites.createCampaign.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.sites.updateCampaign.mutationOptions({ onSuccess }));
  const error = editing ? update.error : create.error;
  const prefix = editing ? "changes." : "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = { name, sourceId, utmCampaigns: splitValues(values) };
    if (editing) update.mutate({ campaignId: editing.id, changes: request });
    else create.mutate(request);
  };

  return (
    <Card>
      <form
        method="post"
        onSubmit={submit}
        className="grid gap-4 md:grid-cols-2"
        noValidate
        data-testid="campaign-form"
      >
        <TextField
          label={t("campaignName")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldError(error, `${prefix}name`)}
        />
        <SelectField
          label={t("campaignSource")}
          value={sourceId}
          onChange={(event) => setSourceId(event.target.value)}
        >
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {sourceLabel(source)}
            </option>
          ))}
        </SelectField>
        <div className="md:col-span-2">
          <TextField
            label={t("campaignValues")}
            value={values}
            onChange={(event) => setValues(event.target.value)}
            spellCheck={false}
            placeholder="spring_sale, spring-2026"
            error={fieldError(error, `${prefix}utmCampaigns`)}
            hint={t("campaignValuesHint")}
          />
        </div>
        <FormActions
          submitLabel={editing ? t("saveCampaign") : t("addCampaign")}
          isPending={create.isPending || update.isPending}
          onCancel={editing ? onDone : undefined}
          cancelLabel={tCommon("cancel")}
          error={error && !error.data?.fieldErrors ? formError(error) : null}
        />
      </form>
    </Card>
  );
}

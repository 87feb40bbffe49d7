"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { formatPhone } from "@/lib/phones";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateCallTracking, type TNumberView, type TOption } from "./use-call-tracking";

type TUsage = TNumberView["usage"];
const USAGES: TUsage[] = ["pool", "fallback", "static"];

/** The field a domain refusal belongs to, so it shows under that field like a validation error. */
const CONFLICT_FIELDS: Record<string, string> = {
  TRACKING_NUMBER_TAKEN: "phone",
  FALLBACK_NUMBER_EXISTS: "usage",
};

/** Adds a tracking number, or edits `editing` (its field errors are under `changes.`). */
export function NumberForm({
  editing,
  options,
  onDone,
}: {
  editing: TNumberView | null;
  options: { sites: TOption[]; sources: TOption[]; campaigns: TOption[] };
  onDone: () => void;
}) {
  const t = useTranslations("callTracking");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const invalidate = useInvalidateCallTracking();
  const { formError, fieldError } = useErrorText();
  const [phone, setPhone] = useState(editing ? (formatPhone(editing.phone) ?? "") : "");
  const [usage, setUsage] = useState<TUsage>(editing?.usage ?? "pool");
  const [siteId, setSiteId] = useState(editing?.siteId ?? options.sites[0]?.id ?? "");
  const [sourceId, setSourceId] = useState(editing?.sourceId ?? "");
  const [campaignId, setCampaignId] = useState(editing?.campaignId ?? "");
  const onSuccess = async () => {
    setPhone("");
    onDone();
    await invalidate();
  };
  const create = useMutation(trpc.callTracking.addNumber.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.callTracking.updateNumber.mutationOptions({ onSuccess }));
  const error = editing ? update.error : create.error;
  const prefix = editing ? "changes." : "";
  const conflictField = CONFLICT_FIELDS[error?.data?.appErrorCode ?? ""] ?? null;
  const errorOf = (field: string) =>
    fieldError(error, `${prefix}${field}`) ?? (conflictField === field ? formError(error) : null);
  const isStatic = usage === "static";
  // A static number serves any site unless limited; a pool or fallback number needs one.
  const changeUsage = (next: TUsage) => {
    setUsage(next);
    if (next === "static" && usage !== "static") setSiteId("");
    if (next !== "static" && !siteId) setSiteId(options.sites[0]?.id ?? "");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = {
      phone,
      usage,
      siteId: siteId || null,
      sourceId: isStatic && !campaignId ? sourceId || null : null,
      campaignId: isStatic ? campaignId || null : null,
    };
    if (editing) update.mutate({ numberId: editing.id, changes: request });
    else create.mutate(request);
  };

  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">{editing ? t("editTitle") : t("addTitle")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t(`usageHint.${usage}`)}</p>
      <form method="post" onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate>
        <TextField
          label={t("phone")}
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          placeholder="+7 999 123-45-67"
          inputMode="tel"
          data-testid="ct-number-input"
          error={errorOf("phone")}
        />
        <SelectField
          label={t("usage")}
          value={usage}
          onChange={(event) => changeUsage(event.target.value as TUsage)}
          data-testid="ct-number-usage"
          error={errorOf("usage")}
        >
          {USAGES.map((value) => (
            <option key={value} value={value}>
              {t(`usages.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={isStatic ? t("siteOptional") : t("site")}
          value={siteId}
          onChange={(event) => setSiteId(event.target.value)}
          data-testid="ct-number-site"
          error={errorOf("siteId")}
        >
          {isStatic || options.sites.length === 0 ? <option value="">{t("anySite")}</option> : null}
          {options.sites.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </SelectField>
        {isStatic ? (
          <>
            <SelectField
              label={t("source")}
              value={sourceId}
              onChange={(event) => setSourceId(event.target.value)}
              disabled={Boolean(campaignId)}
              data-testid="ct-number-source"
              error={errorOf("sourceId")}
              hint={campaignId ? t("sourceFromCampaign") : undefined}
            >
              <option value="">—</option>
              {options.sources.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("campaign")}
              value={campaignId}
              onChange={(event) => setCampaignId(event.target.value)}
              data-testid="ct-number-campaign"
              error={errorOf("campaignId")}
            >
              <option value="">—</option>
              {options.campaigns.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </SelectField>
          </>
        ) : null}
        <FormActions
          submitLabel={editing ? t("save") : t("add")}
          isPending={create.isPending || update.isPending}
          submitTestId="ct-add-number"
          onCancel={editing ? onDone : undefined}
          cancelLabel={tCommon("cancel")}
          error={error && !error.data?.fieldErrors && !conflictField ? formError(error) : null}
        />
      </form>
    </Card>
  );
}

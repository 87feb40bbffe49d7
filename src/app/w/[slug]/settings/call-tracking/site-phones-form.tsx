"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { formatPhone } from "@/lib/phones";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateCallTracking } from "./use-call-tracking";

const FIELD = "changes.phoneTargets";

/** The site's own phones (one a line, any format; the server stores E.164), selector and hold time. */
export function SitePhonesForm({
  site,
}: {
  site: {
    id: string;
    phoneTargets: string[];
    phoneSelector: string | null;
    poolHoldMinutes: number;
  };
}) {
  const t = useTranslations("callTracking");
  const id = useId();
  const trpc = useTRPC();
  const invalidate = useInvalidateCallTracking();
  const { formError, fieldError } = useErrorText();
  const [phones, setPhones] = useState(
    site.phoneTargets.map((phone) => formatPhone(phone) ?? phone).join("\n"),
  );
  const [selector, setSelector] = useState(site.phoneSelector ?? "");
  const [holdMinutes, setHoldMinutes] = useState(String(site.poolHoldMinutes));
  const save = useMutation(
    trpc.callTracking.updateSite.mutationOptions({
      onSuccess: async (saved) => {
        setPhones(saved.phoneTargets.map((phone) => formatPhone(phone) ?? phone).join("\n"));
        await invalidate();
      },
    }),
  );
  const lines = phones
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      siteId: site.id,
      changes: {
        phoneTargets: lines,
        phoneSelector: selector,
        poolHoldMinutes: Number(holdMinutes),
      },
    });
  };
  // The list's own error, or the first bad line's (`changes.phoneTargets.<index>`).
  const phonesError =
    [FIELD, ...lines.map((_, index) => `${FIELD}.${index}`)]
      .map((key) => fieldError(save.error, key))
      .find(Boolean) ?? null;

  return (
    <form method="post" onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate>
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {t("sitePhones")}
        </label>
        <textarea
          id={id}
          rows={Math.max(2, lines.length + 1)}
          value={phones}
          onChange={(event) => setPhones(event.target.value)}
          spellCheck={false}
          aria-invalid={Boolean(phonesError)}
          data-testid="ct-site-phones"
          placeholder="+7 495 123-45-67"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200"
        />
        {phonesError ? (
          <p className="text-sm text-red-600">{phonesError}</p>
        ) : (
          <p className="text-xs text-slate-500">{t("sitePhonesHint")}</p>
        )}
      </div>
      <div className="space-y-4">
        <TextField
          label={t("selector")}
          value={selector}
          onChange={(event) => setSelector(event.target.value)}
          placeholder=".header .phone"
          spellCheck={false}
          data-testid="ct-site-selector"
          error={fieldError(save.error, "changes.phoneSelector")}
          hint={t("selectorHint")}
        />
        <TextField
          label={t("holdMinutes")}
          type="number"
          min={5}
          max={120}
          value={holdMinutes}
          onChange={(event) => setHoldMinutes(event.target.value)}
          data-testid="ct-site-hold"
          error={fieldError(save.error, "changes.poolHoldMinutes")}
          hint={t("holdMinutesHint")}
        />
      </div>
      <FormActions
        submitLabel={t("saveSite")}
        variant="secondary"
        size="sm"
        isPending={save.isPending}
        submitTestId="ct-save-site-phones"
        savedLabel={save.isSuccess ? t("saved") : null}
        error={save.error && !save.error.data?.fieldErrors ? formError(save.error) : null}
      />
    </form>
  );
}

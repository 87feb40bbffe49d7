"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

const FIELD = "changes.widgetUrlPatterns";

/** One pattern per line; the server normalizes them (scheme and www. dropped, lower case). */
export function WidgetPatternsForm({ siteId, patterns }: { siteId: string; patterns: string[] }) {
  const t = useTranslations("sites");
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formError, fieldError } = useErrorText();
  const [text, setText] = useState(patterns.join("\n"));
  const save = useMutation(
    trpc.sites.update.mutationOptions({
      onSuccess: async (site) => {
        setText(site.widgetUrlPatterns.join("\n"));
        await queryClient.invalidateQueries({ queryKey: trpc.sites.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      siteId,
      changes: {
        widgetUrlPatterns: text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      },
    });
  };
  // The list's own error, or the first bad line's (`changes.widgetUrlPatterns.<index>`).
  const error =
    [FIELD, ...text.split("\n").map((_, index) => `${FIELD}.${index}`)]
      .map((key) => fieldError(save.error, key))
      .find(Boolean) ?? null;

  return (
    <form method="post" onSubmit={submit} className="space-y-1" noValidate>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {t("widgetPatterns")}
      </label>
      <textarea
        id={id}
        rows={Math.max(2, text.split("\n").length)}
        value={text}
        onChange={(event) => setText(event.target.value)}
        spellCheck={false}
        aria-invalid={Boolean(error)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200"
      />
      {error ? (
        <p className="text-sm text-red-600">{error}</p>
      ) : (
        <p className="text-xs text-slate-500">{t("widgetPatternsHint")}</p>
      )}
      <FormError
        message={save.error && !save.error.data?.fieldErrors ? formError(save.error) : null}
      />
      <div className="flex items-center gap-3 pt-1">
        <Button type="submit" variant="secondary" size="sm" disabled={save.isPending}>
          {t("savePatterns")}
        </Button>
        {save.isSuccess ? (
          <span role="status" className="text-sm text-green-700">
            {t("saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}

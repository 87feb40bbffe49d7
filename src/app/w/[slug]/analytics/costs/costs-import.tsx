"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { FormError } from "@/components/ui/form-error";
import { toLocale } from "@/i18n/locales";
import { useErrorText } from "@/lib/use-error-text";
import { MAX_COSTS_CSV_BYTES } from "@/server/domain/analytics/costs/costs-csv-limits";
import { buildCostsCsvTemplate } from "@/server/domain/analytics/costs/costs-csv-template";
import { useTRPC } from "@/trpc/react";

import type { TCostsImportResult } from "./cost-types";
import { ImportErrorsTable } from "./import-errors-table";
import { readCsvFile } from "./read-csv-file";
import { useRefreshAfterCostChange } from "./use-refresh-after-cost-change";

function ImportResult({ result }: { result: TCostsImportResult }) {
  const t = useTranslations("costs");
  if (result.status === "imported")
    return (
      <p className="text-sm text-emerald-700" data-testid="costs-import-result" role="status">
        {t("imported", { rowCount: result.rowCount })}
      </p>
    );
  if (result.status === "refused")
    return <FormError message={t(`fileProblems.${result.problem}`)} />;
  return (
    <div className="space-y-2">
      <FormError message={t("rejected", { errorCount: result.errorCount })} />
      {result.errorCount > result.errors.length ? (
        <p className="text-xs text-slate-500">
          {t("moreErrors", { shown: result.errors.length, errorCount: result.errorCount })}
        </p>
      ) : null}
      <ImportErrorsTable errors={result.errors} />
    </div>
  );
}

/** A CSV of day costs, all or nothing (docs/analytics-costs.md §3), and a template to fill in. */
export function CostsImport({ campaignNames }: { campaignNames: string[] }) {
  const t = useTranslations("costs");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const refreshAfterCostChange = useRefreshAfterCostChange();
  const { formError } = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const upload = useMutation(
    trpc.costs.importCsv.mutationOptions({
      onSuccess: (result) => (result.status === "imported" ? refreshAfterCostChange() : undefined),
    }),
  );
  const template = buildCostsCsvTemplate({
    locale,
    campaignNames,
    day: new Date().toISOString().slice(0, 10),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    if (!file) return setFileProblem(t("chooseFile"));
    if (file.size > MAX_COSTS_CSV_BYTES) return setFileProblem(t("fileProblems.fileTooLarge"));
    setFileProblem(null);
    upload.mutate({ text: await readCsvFile(file) });
  };

  return (
    <section className="space-y-3">
      <CardHeading
        title={t("importTitle")}
        hint={t("importHint")}
        aside={
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
            download={t("templateFileName")}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            {t("templateLink")}
          </a>
        }
      />
      <Card className="space-y-4">
        <form method="post" className="flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
          <label className="block space-y-1 text-sm font-medium text-slate-700">
            <span className="block">{t("fileLabel")}</span>
            <input
              type="file"
              accept=".csv,text/csv"
              className="block text-sm"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </label>
          <Button type="submit" disabled={upload.isPending}>
            {upload.isPending ? t("uploading") : t("upload")}
          </Button>
        </form>
        <FormError message={fileProblem ?? formError(upload.error)} />
        {upload.data ? <ImportResult result={upload.data} /> : null}
      </Card>
    </section>
  );
}

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { DatePicker } from "@/components/date-picker/date-picker";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { getPresetRange } from "@/lib/period-presets";
import { useErrorText } from "@/lib/use-error-text";
import { startOfZonedDay } from "@/lib/zoned-day";
import { useTRPC } from "@/trpc/react";

import { backfillSummary } from "./backfill-summary";
import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

/**
 * Import of appointments changed since a day, with progress; it survives restarts server-side.
 * The day is the Klientiks account's (`timeZone`): the server asks Klientiks for it in that zone.
 */
export function BackfillPanel({ timeZone }: { timeZone: string }) {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const [since, setSince] = useState(() => getPresetRange("last30Days", timeZone, new Date()).from);
  const progress = useQuery({
    ...trpc.klientiks.backfillProgress.queryOptions(),
    refetchInterval: (query) => (query.state.data?.status === "running" ? 2000 : false),
  });
  const start = useMutation(
    trpc.klientiks.startBackfill.mutationOptions({ onSuccess: invalidate }),
  );
  const job = progress.data;
  const percent = job && job.queued > 0 ? Math.round((job.done / job.queued) * 100) : 0;
  const summary = job ? backfillSummary(job) : null;

  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t("backfill")}</h2>
        <p className="text-sm text-slate-600">{t("backfillHint")}</p>
      </div>
      <div className="flex items-end gap-3">
        <div className="w-52 space-y-1">
          <span className="block text-sm font-medium text-slate-700">{t("backfillSince")}</span>
          <DatePicker
            label={t("backfillSince")}
            day={since}
            timeZone={timeZone}
            onChange={setSince}
          />
        </div>
        <Button
          onClick={() => start.mutate({ since: startOfZonedDay(since, timeZone)! })}
          disabled={start.isPending || job?.status === "running"}
        >
          {t("backfillStart")}
        </Button>
      </div>
      <FormError message={formError(start.error)} />
      {job && summary ? (
        <div className="space-y-2" data-testid="backfill-progress" data-status={job.status}>
          <div
            className="h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job.enumeratedAt ? percent : undefined}
          >
            <div
              className="h-full bg-brand-500 transition-all"
              style={{ width: `${job.status === "completed" ? 100 : percent}%` }}
            />
          </div>
          <p className="text-sm text-slate-600">
            {t(summary.key, {
              ...summary.values,
              error: t(`errorCodes.${job.error ?? "internal"}`),
            })}
          </p>
        </div>
      ) : null}
    </Card>
  );
}

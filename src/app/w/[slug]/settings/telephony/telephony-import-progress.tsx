"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";

import { useTRPC } from "@/trpc/react";

import { useTelephonyErrorText } from "./use-telephony-error-text";

/** The latest statistics import (the 7-day backfill on connecting, a daily reconciliation) in one line. */
export function TelephonyImportProgress() {
  const t = useTranslations("telephony.sync");
  const format = useFormatter();
  const errorText = useTelephonyErrorText();
  const trpc = useTRPC();
  const progress = useQuery({
    ...trpc.telephony.importProgress.queryOptions(),
    refetchInterval: (query) => (query.state.data?.status === "running" ? 2000 : 30_000),
  });
  const job = progress.data;
  if (!job) return null;
  const text =
    job.status === "failed"
      ? t("importFailed", { error: errorText(job.error) || "—" })
      : job.status === "completed"
        ? t("importCompleted", {
            done: job.done,
            since: format.dateTime(job.since, { dateStyle: "short" }),
          })
        : job.enumeratedAt
          ? t("importProgress", { done: job.done, queued: job.queued })
          : t("importListing", { listed: job.listed });
  return (
    <p
      className="text-sm text-slate-600"
      data-testid="telephony-import-progress"
      data-status={job.status}
    >
      {text}
    </p>
  );
}

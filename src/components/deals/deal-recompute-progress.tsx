"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useTRPC } from "@/trpc/react";

/**
 * The recompute of stored deals that a settings change started (the Klientiks deals step, Settings →
 * Attribution): a bar while it runs, then its outcome. A superseded run is never the latest, so
 * never shown.
 */
export function DealRecomputeProgress() {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const progress = useQuery({
    ...trpc.klientiks.dealRecomputeProgress.queryOptions(),
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });
  const job = progress.data;
  if (!job) return null;
  const percent =
    job.status === "completed"
      ? 100
      : job.total > 0
        ? Math.min(100, Math.round((job.done / job.total) * 100))
        : 0;
  return (
    <div className="space-y-2" data-testid="deal-recompute-progress">
      {job.status === "running" ? (
        <div
          className="h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label={t("dealRecomputeRunning", { done: job.done, total: job.total })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="h-full bg-brand-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p role="status" className="text-sm text-slate-600">
        {job.status === "running"
          ? t("dealRecomputeRunning", { done: job.done, total: job.total })
          : job.status === "completed"
            ? t("dealRecomputeCompleted", { done: job.done })
            : t("dealRecomputeFailed", { error: t(`errorCodes.${job.error ?? "internal"}`) })}
      </p>
    </div>
  );
}

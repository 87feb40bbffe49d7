"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";
import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

/** Last webhook, the day's outcomes and the last error in plain words (market.md: CoMagic-style). */
export function SyncHealthPanel() {
  const t = useTranslations("klientiks");
  const format = useFormatter();
  const now = useNow({ updateInterval: 10_000 });
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const health = useQuery({ ...trpc.klientiks.syncHealth.queryOptions(), refetchInterval: 5000 });
  const reconcile = useMutation(trpc.klientiks.reconcileNow.mutationOptions({ onSuccess: invalidate }));
  const data = health.data;
  if (!data) return null;
  const when = (date: Date | null) => (date ? format.relativeTime(date, now) : t("never"));
  const stats = [
    { label: t("processed24h"), value: data.last24h.processed, testId: "health-processed" },
    { label: t("failed24h"), value: data.last24h.failed, testId: "health-failed" },
    { label: t("rejected24h"), value: data.last24h.rejected, testId: "health-rejected" },
    { label: t("pendingNow"), value: data.last24h.pending, testId: "health-pending" },
  ];
  return (
    <Card className="space-y-4" data-testid="sync-health">
      <div className="flex items-center justify-between gap-4">
        <h2 className="text-lg font-semibold">{t("health")}</h2>
        <Button size="sm" variant="secondary" disabled={reconcile.isPending || data.connectionStatus !== "active"} onClick={() => reconcile.mutate()}>{t("reconcileNow")}</Button>
      </div>
      {reconcile.data ? <p role="status" className="text-sm text-green-700">{t("reconciled", { listed: reconcile.data.listed, enqueued: reconcile.data.enqueued })}</p> : null}
      <FormError message={formError(reconcile.error)} />
      <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.testId} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-500">{stat.label}</dt>
            <dd className="text-xl font-semibold" data-testid={stat.testId}>{stat.value}</dd>
          </div>
        ))}
      </dl>
      <dl className="grid gap-2 text-sm md:grid-cols-2">
        <div><dt className="inline text-slate-500">{t("lastSync")}: </dt><dd className="inline">{when(data.lastSyncAt)}</dd></div>
        <div><dt className="inline text-slate-500">{t("lastReconcile")}: </dt><dd className="inline">{when(data.lastReconcileAt)}</dd></div>
        <div className="md:col-span-2">
          <dt className="inline text-slate-500">{t("lastError")}: </dt>
          <dd className="inline" data-testid="health-last-error">
            {data.lastError ? `${t(`errorCodes.${data.lastError}`)} (${when(data.lastErrorAt)})` : t("noErrors")}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

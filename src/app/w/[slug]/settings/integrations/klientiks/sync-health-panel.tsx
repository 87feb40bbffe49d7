"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";

import { StatTiles } from "@/components/integrations/stat-tiles";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { usePastRelativeTime } from "@/lib/use-past-relative-time";
import { useTRPC } from "@/trpc/react";

import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

/**
 * Last webhook, the day's outcomes, what is being retried after Klientiks errors, the recent error
 * history (kept after a retry succeeds) and the last error, in plain words (CoMagic-style).
 */
export function SyncHealthPanel() {
  const t = useTranslations("klientiks");
  const format = useFormatter();
  const ago = usePastRelativeTime();
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const health = useQuery({ ...trpc.klientiks.syncHealth.queryOptions(), refetchInterval: 5000 });
  const reconcile = useMutation(
    trpc.klientiks.reconcileNow.mutationOptions({ onSuccess: invalidate }),
  );
  const data = health.data;
  if (!data) return null;
  const when = (date: Date | null) => (date ? ago(date) : t("never"));
  // The message of a code, without its closing full stop, to sit inside a sentence.
  const errorText = (code: string | null) =>
    code ? t(`errorCodes.${code}`).replace(/\.$/, "") : "—";
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
        <Button
          size="sm"
          variant="secondary"
          disabled={reconcile.isPending || data.connectionStatus !== "active"}
          onClick={() => reconcile.mutate()}
        >
          {t("reconcileNow")}
        </Button>
      </div>
      {reconcile.data ? (
        <p role="status" className="text-sm text-green-700">
          {t("reconciled", { listed: reconcile.data.listed, enqueued: reconcile.data.enqueued })}
        </p>
      ) : null}
      <FormError message={formError(reconcile.error)} />
      {data.retrying ? (
        <p
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="health-retrying"
        >
          {t("retrying", {
            count: data.retrying.count,
            since: data.retrying.since
              ? format.dateTime(data.retrying.since, { hour: "2-digit", minute: "2-digit" })
              : "—",
            last: errorText(data.retrying.lastErrorCode),
          })}
        </p>
      ) : null}
      <StatTiles stats={stats} />
      <dl className="grid gap-2 text-sm md:grid-cols-2">
        <div>
          <dt className="inline text-slate-500">{t("lastSync")}: </dt>
          <dd className="inline">{when(data.lastSyncAt)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">{t("lastReconcile")}: </dt>
          <dd className="inline">{when(data.lastReconcileAt)}</dd>
        </div>
        <div className="md:col-span-2">
          <dt className="inline text-slate-500">{t("lastError")}: </dt>
          <dd className="inline" data-testid="health-last-error">
            {data.lastError
              ? `${t(`errorCodes.${data.lastError}`)} (${when(data.lastErrorAt)})`
              : t("noErrors")}
          </dd>
        </div>
      </dl>
      {data.recentErrors.length > 0 ? (
        <div className="space-y-1 text-sm">
          <h3 className="text-slate-500">{t("errorHistory")}</h3>
          <ul className="space-y-1" data-testid="health-error-history">
            {data.recentErrors.map((entry) => (
              <li key={entry.id} className="flex flex-wrap gap-x-2">
                <span className="whitespace-nowrap text-slate-500">
                  {format.dateTime(entry.at, { dateStyle: "short", timeStyle: "short" })}
                </span>
                <span>{errorText(entry.errorCode)}</span>
                <span className="text-slate-500">
                  {t("errorHistoryEntry", {
                    appointmentId: entry.appointmentId ?? "—",
                    attempt: entry.attempt,
                  })}{" "}
                  · {entry.willRetry ? t("errorWillRetry") : t("errorFinal")}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

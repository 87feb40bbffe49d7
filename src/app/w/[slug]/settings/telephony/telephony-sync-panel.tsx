"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";

import { StatTiles } from "@/components/integrations/stat-tiles";
import { Card } from "@/components/ui/card";
import { usePastRelativeTime } from "@/lib/use-past-relative-time";
import { useTRPC } from "@/trpc/react";

import { TelephonyImportProgress } from "./telephony-import-progress";
import { useTelephonyErrorText } from "./use-telephony-error-text";

/**
 * Like Klientiks' sync panel: today's notifications, the last day's outcomes, retries, the last
 * error in plain words, and the notifications we refused (a bad signature above all) with why.
 */
export function TelephonySyncPanel() {
  const t = useTranslations("telephony.sync");
  const format = useFormatter();
  const ago = usePastRelativeTime();
  const errorText = useTelephonyErrorText();
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.telephony.syncHealth.queryOptions(), refetchInterval: 5000 });
  const data = health.data;
  if (!data) return null;
  const stats = [
    { label: t("eventsToday"), value: data.eventsToday, testId: "telephony-events-today" },
    { label: t("processed24h"), value: data.last24h.processed, testId: "telephony-processed" },
    { label: t("failed24h"), value: data.last24h.failed, testId: "telephony-failed" },
    { label: t("rejected24h"), value: data.last24h.rejected, testId: "telephony-rejected" },
  ];
  return (
    <Card className="space-y-4" data-testid="telephony-sync">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      {data.retrying ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("retrying", {
            count: data.retrying.count,
            last: errorText(data.retrying.lastErrorCode) || "—",
          })}
        </p>
      ) : null}
      <StatTiles stats={stats} />
      <TelephonyImportProgress />
      <p className="text-sm">
        <span className="text-slate-500">{t("lastError")}: </span>
        <span data-testid="telephony-last-error">
          {data.lastError
            ? `${errorText(data.lastError)} (${data.lastErrorAt ? ago(data.lastErrorAt) : "—"})`
            : t("noErrors")}
        </span>
      </p>
      {data.rejections.length > 0 ? (
        <div className="space-y-1 text-sm">
          <h3 className="text-slate-500">{t("rejections")}</h3>
          <ul className="space-y-1" data-testid="telephony-rejections">
            {data.rejections.map((rejection) => (
              <li key={rejection.id} className="flex flex-wrap gap-x-2">
                <span className="whitespace-nowrap text-slate-500">
                  {format.dateTime(rejection.receivedAt, {
                    dateStyle: "short",
                    timeStyle: "medium",
                  })}
                </span>
                <span className="font-mono">{rejection.eventType ?? "—"}</span>
                <span>{errorText(rejection.errorCode) || t("noReason")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { DetailSection } from "@/components/data-table/detail-section";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import type { TDealDetail } from "./deal-types";
import { useStageLabel } from "./use-stage-label";

/** Every status change Klientiks reported, oldest first. */
export function DealStageHistory({
  changes,
  timeZone,
}: {
  changes: TDealDetail["stageChanges"];
  timeZone: string;
}) {
  const t = useTranslations("deals.drawer");
  const stageLabel = useStageLabel();
  const dateTime = useWorkspaceDateTime(timeZone);
  return (
    <DetailSection title={t("sections.history")} testId="deal-stage-history">
      {changes.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noHistory")}</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
          {changes.map((change) => (
            <li key={change.id} className="flex flex-wrap items-baseline justify-between gap-x-4">
              <span className="text-slate-900">
                {change.fromStatus === null
                  ? t("historyCreated", { to: stageLabel(change.toStatus) })
                  : t("historyMoved", {
                      from: stageLabel(change.fromStatus),
                      to: stageLabel(change.toStatus),
                    })}
              </span>
              <time dateTime={change.at.toISOString()} className="tabular-nums text-slate-500">
                {dateTime(change.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </DetailSection>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { DetailSection } from "@/components/data-table/detail-section";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import type { TLeadDetail } from "./lead-types";
import { LeadUrlLink } from "./lead-url-text";

/** The pages of the session that brought the lead, oldest first: the visitor's path to the booking. */
export function LeadPageViews({
  pageViews,
  hasSession,
  timeZone,
}: {
  pageViews: TLeadDetail["pageViews"];
  hasSession: boolean;
  timeZone: string;
}) {
  const t = useTranslations("leads.drawer");
  const dateTime = useWorkspaceDateTime(timeZone);
  return (
    <DetailSection title={t("sections.pageViews")} testId="lead-page-views">
      {pageViews.length === 0 ? (
        <p className="text-sm text-slate-500">{hasSession ? t("noPageViews") : t("noSession")}</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
          {pageViews.map((view) => (
            <li key={view.id} data-testid="lead-page-view" className="space-y-0.5">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                <span className="font-medium text-slate-900">
                  {view.title || t("untitledPage")}
                </span>
                <time dateTime={view.at.toISOString()} className="tabular-nums text-slate-500">
                  {dateTime(view.at)}
                </time>
              </div>
              <div className="text-xs">
                <LeadUrlLink url={view.url} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </DetailSection>
  );
}

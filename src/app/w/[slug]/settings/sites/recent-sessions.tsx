"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { usePastRelativeTime } from "@/lib/use-past-relative-time";
import { useTRPC } from "@/trpc/react";

import { useSourceLabel } from "./use-source-label";

/** Often enough to confirm a freshly pasted snippet while the admin watches. */
const LIVE_CHECK_INTERVAL_MS = 5000;

const pathOf = (url: string) => {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
};

/** The site's latest visits: proof that the snippet works and that UTM tags are read. */
export function RecentSessions({ siteId }: { siteId: string }) {
  const t = useTranslations("sites");
  const ago = usePastRelativeTime();
  const sourceLabel = useSourceLabel();
  const trpc = useTRPC();
  const sessions = useQuery({
    ...trpc.sites.recentSessions.queryOptions({ siteId }),
    refetchInterval: LIVE_CHECK_INTERVAL_MS,
  });

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-slate-700">{t("recentTitle")}</p>
      {sessions.data?.length ? (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">{t("visitStarted")}</th>
                <th className="px-3 py-2">{t("visitSource")}</th>
                <th className="px-3 py-2">{t("visitChannel")}</th>
                <th className="px-3 py-2">{t("visitCampaign")}</th>
                <th className="px-3 py-2">{t("visitLanding")}</th>
                <th className="px-3 py-2 text-right">{t("visitPages")}</th>
                <th className="px-3 py-2 text-right">{t("visitWidgetOpens")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((session) => (
                <tr
                  key={session.id}
                  className="border-t border-slate-100"
                  data-testid="recent-session"
                >
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                    {ago(session.startedAt)}
                  </td>
                  <td className="px-3 py-2">
                    {session.sourceName
                      ? sourceLabel({
                          name: session.sourceName,
                          presetKey: session.sourcePresetKey,
                        })
                      : "—"}
                  </td>
                  <td className="px-3 py-2">{t(`channels.${session.channel}`)}</td>
                  <td className="px-3 py-2">
                    {session.campaignName ?? session.utmCampaign ?? "—"}
                  </td>
                  <td
                    className="max-w-64 truncate px-3 py-2 font-mono text-xs text-slate-600"
                    title={session.landingUrl}
                  >
                    {pathOf(session.landingUrl)}
                  </td>
                  <td className="px-3 py-2 text-right">{session.pageViews}</td>
                  <td className="px-3 py-2 text-right">{session.widgetOpens}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t("recentEmpty")}</p>
      )}
    </div>
  );
}

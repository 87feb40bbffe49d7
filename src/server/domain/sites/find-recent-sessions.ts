import type { TDbClient } from "@/server/db/types";
import { AppError } from "@/server/errors";

const RECENT_SESSIONS_LIMIT = 10;

/** The latest visits of a site: the live check that the snippet is installed and tags are read. */
export async function findRecentSessions(
  db: TDbClient,
  { tenantId, siteId }: { tenantId: string; siteId: string },
) {
  const site = await db.site.findFirst({ where: { id: siteId, tenantId }, select: { id: true } });
  if (!site) throw new AppError("NOT_FOUND");
  const sessions = await db.trackerSession.findMany({
    where: { tenantId, siteId },
    orderBy: { lastSeenAt: "desc" },
    take: RECENT_SESSIONS_LIMIT,
    select: {
      id: true,
      startedAt: true,
      lastSeenAt: true,
      channel: true,
      landingUrl: true,
      referrer: true,
      utmSource: true,
      utmMedium: true,
      utmCampaign: true,
      source: { select: { name: true, presetKey: true } },
      campaign: { select: { name: true } },
      _count: { select: { pageViews: true, widgetOpens: true } },
    },
  });
  return sessions.map(({ source, campaign, _count, ...session }) => ({
    ...session,
    sourceName: source?.name ?? null,
    sourcePresetKey: source?.presetKey ?? null,
    campaignName: campaign?.name ?? null,
    pageViews: _count.pageViews,
    widgetOpens: _count.widgetOpens,
  }));
}

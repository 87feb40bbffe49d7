import type { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import type {
  TAttributionCandidates,
  TLeadAttributionSettings,
  TSessionEvent,
} from "@/server/domain/leads/attribute-lead";
import { TRAFFIC_SELECT } from "@/server/domain/lists/traffic-filters";

/** What a lead (and a call, and Обращения и цели) copies from the visit it is credited to. */
export const VISIT_TRAFFIC_SELECT = {
  ...TRAFFIC_SELECT,
  landingUrl: true,
  referrer: true,
  yclid: true,
  gclid: true,
  fbclid: true,
} as const satisfies Prisma.TrackerSessionSelect & Prisma.LeadSelect & Prisma.CommunicationSelect;

export const LEAD_SESSION_SNAPSHOT_SELECT = {
  id: true,
  sessionKey: true,
  startedAt: true,
  ...VISIT_TRAFFIC_SELECT,
} as const satisfies Prisma.TrackerSessionSelect;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Enough rows to tell one session from several; the rules never need more. */
const MAX_EVENTS = 50;

export type TLeadContactKeys = { phone: string | null; email: string | null };

/**
 * What `attributeLead` needs, and nothing more, with tenant-scoped queries on indexes that start
 * with `tenantId`: sessions by key `(tenantId, sessionKey, startedAt)`, widget opens of the tenant's
 * sites `(tenantId, siteId, at)`, captured contacts `(tenantId, phone|email, at)`. Defaults are
 * looked up within the tenant, so a stale or foreign id in the settings counts as none.
 */
export async function findAttributionCandidates(
  db: TDbClient,
  options: {
    tenantId: string;
    bookedAt: Date;
    sessionKey: string | null;
    contact: TLeadContactKeys;
    settings: TLeadAttributionSettings & {
      defaultSourceId: string | null;
      defaultSiteId: string | null;
      defaultCampaignId: string | null;
    };
  },
): Promise<TAttributionCandidates> {
  const { tenantId, bookedAt, sessionKey, contact, settings } = options;
  const matchFrom = new Date(bookedAt.getTime() - settings.contactMatchWindowDays * DAY_MS);
  const contactWhere = (field: "phone" | "email", value: string | null) =>
    value
      ? db.capturedContact.findMany({
          where: { tenantId, [field]: value, at: { gte: matchFrom, lte: bookedAt } },
          orderBy: { at: "desc" },
          take: MAX_EVENTS,
          select: { at: true, session: { select: LEAD_SESSION_SNAPSHOT_SELECT } },
        })
      : Promise.resolve([] as TSessionEvent[]);

  const sites = await db.site.findMany({ where: { tenantId }, select: { id: true } });
  const siteIds = sites.map((site) => site.id);
  const [carriedSessions, widgetOpens, phoneMatches, emailMatches, defaultSource, defaultCampaign] =
    await Promise.all([
      sessionKey
        ? db.trackerSession.findMany({
            where: { tenantId, sessionKey },
            orderBy: { startedAt: "desc" },
            take: 5,
            select: LEAD_SESSION_SNAPSHOT_SELECT,
          })
        : Promise.resolve([]),
      siteIds.length > 0
        ? db.widgetOpen.findMany({
            where: {
              tenantId,
              siteId: { in: siteIds },
              at: {
                gte: new Date(bookedAt.getTime() - settings.widgetOpenWindowMinutes * MINUTE_MS),
                lte: bookedAt,
              },
            },
            orderBy: { at: "desc" },
            take: MAX_EVENTS,
            select: { at: true, session: { select: LEAD_SESSION_SNAPSHOT_SELECT } },
          })
        : Promise.resolve([]),
      contactWhere("phone", contact.phone),
      contactWhere("email", contact.email),
      settings.defaultSourceId
        ? db.source.findFirst({
            where: { id: settings.defaultSourceId, tenantId },
            select: { id: true, channel: true },
          })
        : null,
      settings.defaultCampaignId
        ? db.adCampaign.findFirst({
            where: { id: settings.defaultCampaignId, tenantId },
            select: { id: true, sourceId: true, source: { select: { channel: true } } },
          })
        : null,
    ]);
  return {
    carriedSessions,
    widgetOpens,
    contactMatches: [...phoneMatches, ...emailMatches],
    defaultSource,
    defaultSiteId:
      settings.defaultSiteId && siteIds.includes(settings.defaultSiteId)
        ? settings.defaultSiteId
        : null,
    defaultCampaign: defaultCampaign && {
      id: defaultCampaign.id,
      sourceId: defaultCampaign.sourceId,
      channel: defaultCampaign.source.channel,
    },
  };
}

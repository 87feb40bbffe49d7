import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { deriveSessionAttribution, type TCampaignMarks } from "@/server/domain/sites/derive-session-attribution";
import { findSources } from "@/server/domain/sites/find-sources";
import { resolveCampaign } from "@/server/domain/sites/resolve-campaign";
import { continuesSession } from "@/server/domain/sites/session-rules";
import { campaignMarksOf, type TTrackHit } from "@/server/domain/sites/track-hit-schema";
import type { TTrackedSite } from "@/server/domain/sites/tracked-site";

type TRecordTrackHitOptions = { tenantId: string; site: TTrackedSite; hit: TTrackHit; at: Date };

const OPEN_SESSION_SELECT = { id: true, sessionKey: true, lastSeenAt: true, utmSource: true, utmCampaign: true, yclid: true, gclid: true, fbclid: true } as const;

async function startSession(db: TDb, { tenantId, site, hit, at }: TRecordTrackHitOptions, marks: TCampaignMarks): Promise<string> {
  const sources = await findSources(db, { tenantId });
  const attribution = deriveSessionAttribution({ marks, referrer: hit.referrer ?? null, siteDomain: site.domain, sources });
  const campaignId = attribution.sourceId && attribution.campaignValue
    ? await resolveCampaign(db, { tenantId, sourceId: attribution.sourceId, value: attribution.campaignValue, mayCreate: attribution.channel === "paid" })
    : null;
  const session = await db.trackerSession.create({
    data: {
      id: createId("ses"), tenantId, siteId: site.id, visitorId: hit.visitorId, sessionKey: hit.sessionId, startedAt: at, lastSeenAt: at,
      landingUrl: hit.url, referrer: hit.referrer ?? null, ...marks, channel: attribution.channel, sourceId: attribution.sourceId, campaignId,
    },
    select: { id: true },
  });
  return session.id;
}

/**
 * The session a hit belongs to: the visitor's latest one on this site when the hit continues it
 * (session-rules), otherwise a new one with its attribution derived server-side.
 */
async function resolveSession(db: TDb, options: TRecordTrackHitOptions): Promise<string> {
  const { tenantId, site, hit, at } = options;
  const marks = campaignMarksOf(hit);
  const latest = await db.trackerSession.findFirst({
    where: { tenantId, visitorId: hit.visitorId, siteId: site.id },
    orderBy: { lastSeenAt: "desc" },
    select: OPEN_SESSION_SELECT,
  });
  if (!latest || !continuesSession(latest, { sessionKey: hit.sessionId, marks, at })) return startSession(db, options, marks);
  // `lt` keeps lastSeenAt monotonic when hits are recorded out of order.
  await db.trackerSession.updateMany({ where: { id: latest.id, tenantId, lastSeenAt: { lt: at } }, data: { lastSeenAt: at } });
  return latest.id;
}

/**
 * Records one tracker hit: the session (continued or started), then the page view, widget open or
 * captured contact, and returns the session id. Contacts count only for sites that opted in (null
 * otherwise), and a session stores each value once. Callers serialize hits of one visitor (the ingest
 * queue), so two hits never race to start a session.
 */
export async function recordTrackHit(db: TDb, options: TRecordTrackHitOptions): Promise<string | null> {
  const { tenantId, site, hit, at } = options;
  if (hit.type === "contact" && !site.captureContacts) return null;
  const sessionId = await resolveSession(db, options);
  if (hit.type === "pageview") {
    await db.pageView.create({ data: { id: createId("pv"), tenantId, sessionId, url: hit.url, title: hit.title || null, at } });
  } else if (hit.type === "widget_open") {
    await db.widgetOpen.create({ data: { id: createId("wo"), tenantId, siteId: site.id, sessionId, url: hit.widgetUrl, at } });
  } else {
    const phone = hit.phone ?? null;
    const email = hit.email ?? null;
    const known = await db.capturedContact.findFirst({ where: { tenantId, sessionId, phone, email }, select: { id: true } });
    if (!known) await db.capturedContact.create({ data: { id: createId("cc"), tenantId, siteId: site.id, sessionId, phone, email, at } });
  }
  return sessionId;
}

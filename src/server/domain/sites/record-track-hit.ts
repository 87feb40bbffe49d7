import type { TrafficChannel } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { createGroupCommit } from "@/server/db/group-commit";
import {
  deriveSessionAttribution,
  type TCampaignMarks,
} from "@/server/domain/sites/derive-session-attribution";
import { findSourcesByTenant } from "@/server/domain/sites/find-sources";
import { findCampaignsByValues, resolveCampaign } from "@/server/domain/sites/resolve-campaign";
import { continuesSession, type TOpenSession } from "@/server/domain/sites/session-rules";
import { campaignMarksOf, type TTrackHit } from "@/server/domain/sites/track-hit-schema";
import type { TTrackedSite } from "@/server/domain/sites/tracked-site";

type TRecordTrackHitOptions = { tenantId: string; site: TTrackedSite; hit: TTrackHit; at: Date };

/** The visitor's latest session, as the rules compare it. */
type TLatestSession = TOpenSession & { id: string };

type TSessionRow = {
  id: string;
  tenantId: string;
  siteId: string;
  visitorId: string;
  sessionKey: string;
  startedAt: Date;
  lastSeenAt: Date;
  landingUrl: string;
  referrer: string | null;
  marks: TCampaignMarks;
  channel: TrafficChannel;
  sourceId: string | null;
  campaignId: string | null;
};
type TEventRow = {
  id: string;
  tenantId: string;
  siteId: string;
  sessionId: string;
  url: string;
  title: string | null;
  at: Date;
};
type TContactRow = {
  id: string;
  tenantId: string;
  siteId: string;
  sessionId: string;
  phone: string | null;
  email: string | null;
  at: Date;
};

/** What one batch writes, in one statement. */
type TBatchWrites = {
  sessions: TSessionRow[];
  touched: Map<string, { tenantId: string; at: Date }>;
  pageViews: TEventRow[];
  widgetOpens: TEventRow[];
  contacts: TContactRow[];
};

const visitorKey = ({ tenantId, site, hit }: TRecordTrackHitOptions) =>
  `${tenantId}|${site.id}|${hit.visitorId}`;

/**
 * The latest session (by `lastSeenAt`) of each distinct visitor of the batch, on the index
 * `(tenantId, visitorId, lastSeenAt desc)`, in one statement.
 */
async function findLatestSessions(
  db: TDb,
  hits: TRecordTrackHitOptions[],
): Promise<Map<string, TLatestSession>> {
  const visitors = [...new Map(hits.map((options) => [visitorKey(options), options])).values()];
  const rows = await db.$queryRaw<(TLatestSession & { key: string })[]>`
    SELECT v."tenantId" || '|' || v."siteId" || '|' || v."visitorId" AS "key",
      s."id", s."sessionKey", s."lastSeenAt", s."utmSource", s."utmCampaign", s."yclid", s."gclid", s."fbclid"
    FROM unnest(${visitors.map((options) => options.tenantId)}::text[], ${visitors.map((options) => options.site.id)}::text[], ${visitors.map((options) => options.hit.visitorId)}::text[])
      AS v("tenantId", "siteId", "visitorId")
    CROSS JOIN LATERAL (
      SELECT t."id", t."sessionKey", t."lastSeenAt", t."utmSource", t."utmCampaign", t."yclid", t."gclid", t."fbclid" FROM "TrackerSession" AS t
      WHERE t."tenantId" = v."tenantId" AND t."visitorId" = v."visitorId" AND t."siteId" = v."siteId"
      ORDER BY t."lastSeenAt" DESC LIMIT 1) AS s`;
  return new Map(rows.map(({ key, ...session }) => [key, session]));
}

/** A new session whose source, channel and campaign are still to be derived. */
type TUnattributed = { session: TSessionRow; referrer: string | null; siteDomain: string };
type TSourcesByTenant = Awaited<ReturnType<typeof findSourcesByTenant>>;

/**
 * The attribution of a batch's new sessions, derived server-side: the workspaces' sources in one
 * query (or those looked up alongside the latest sessions), then every campaign value in one query;
 * only a value no campaign lists yet goes through `resolveCampaign`, which may create one.
 */
async function attributeNewSessions(
  db: TDb,
  unattributed: TUnattributed[],
  prefetchedSources: Promise<TSourcesByTenant> | null,
): Promise<void> {
  if (unattributed.length === 0) return;
  const sourcesByTenant = await (prefetchedSources ??
    findSourcesByTenant(db, [...new Set(unattributed.map(({ session }) => session.tenantId))]));
  const campaignLookups = new Map<
    string,
    { options: Parameters<typeof resolveCampaign>[1]; sessions: TSessionRow[] }
  >();
  for (const { session, referrer, siteDomain } of unattributed) {
    const attribution = deriveSessionAttribution({
      marks: session.marks,
      referrer,
      siteDomain,
      sources: sourcesByTenant.get(session.tenantId) ?? [],
    });
    session.channel = attribution.channel;
    session.sourceId = attribution.sourceId;
    if (!attribution.sourceId || !attribution.campaignValue) continue;
    const options = {
      tenantId: session.tenantId,
      sourceId: attribution.sourceId,
      value: attribution.campaignValue,
      mayCreate: attribution.channel === "paid",
    };
    const key = JSON.stringify([
      options.tenantId,
      options.sourceId,
      options.value,
      options.mayCreate,
    ]);
    const lookup =
      campaignLookups.get(key) ?? campaignLookups.set(key, { options, sessions: [] }).get(key)!;
    lookup.sessions.push(session);
  }
  const lookups = [...campaignLookups.values()];
  const found = await findCampaignsByValues(
    db,
    lookups.map(({ options }) => options),
  );
  for (const [index, { options, sessions }] of lookups.entries()) {
    const campaignId =
      found[index] ?? (options.mayCreate ? await resolveCampaign(db, options) : null);
    for (const session of sessions) session.campaignId = campaignId;
  }
}

/**
 * Decides, hit after hit in arrival order, what the batch writes: the session a hit belongs to
 * (the visitor's latest one when the hit continues it, see session-rules, otherwise a new one with
 * its attribution derived server-side), then its page view, widget open or captured contact.
 * Returns each hit's session id (null for a contact the site does not capture).
 */
async function planBatch(
  db: TDb,
  hits: TRecordTrackHitOptions[],
  writes: TBatchWrites,
): Promise<(string | null)[]> {
  const recorded = hits.filter(({ hit, site }) => hit.type !== "contact" || site.captureContacts);
  // Several hits at once (the route under load) nearly always start sessions: look the sources up
  // alongside the latest sessions rather than after them. Awaited (or not needed) below.
  const prefetchedSources =
    recorded.length > 1
      ? findSourcesByTenant(db, [...new Set(recorded.map(({ tenantId }) => tenantId))])
      : null;
  prefetchedSources?.catch(() => undefined);
  const latest =
    recorded.length > 0
      ? await findLatestSessions(db, recorded)
      : new Map<string, TLatestSession>();
  const newSessions = new Map<string, TSessionRow>();
  const unattributed: TUnattributed[] = [];
  const contactsSeen = new Set<string>();
  const sessionIds: (string | null)[] = [];
  for (const options of hits) {
    const { tenantId, site, hit, at } = options;
    if (hit.type === "contact" && !site.captureContacts) {
      sessionIds.push(null);
      continue;
    }
    const marks = campaignMarksOf(hit);
    const key = visitorKey(options);
    const open = latest.get(key);
    let sessionId: string;
    if (open && continuesSession(open, { sessionKey: hit.sessionId, marks, at })) {
      sessionId = open.id;
      // Only forward: lastSeenAt stays monotonic when hits are recorded out of order.
      if (open.lastSeenAt < at) {
        open.lastSeenAt = at;
        const started = newSessions.get(open.id);
        if (started) started.lastSeenAt = at;
        else writes.touched.set(open.id, { tenantId, at });
      }
    } else {
      // Attributed below, once the batch's sessions are known (the rules above do not depend on it).
      const session: TSessionRow = {
        id: createId("ses"),
        tenantId,
        siteId: site.id,
        visitorId: hit.visitorId,
        sessionKey: hit.sessionId,
        startedAt: at,
        lastSeenAt: at,
        landingUrl: hit.url,
        referrer: hit.referrer ?? null,
        marks,
        channel: "direct",
        sourceId: null,
        campaignId: null,
      };
      writes.sessions.push(session);
      newSessions.set(session.id, session);
      unattributed.push({ session, referrer: hit.referrer ?? null, siteDomain: site.domain });
      latest.set(key, {
        id: session.id,
        sessionKey: session.sessionKey,
        lastSeenAt: at,
        utmSource: marks.utmSource,
        utmCampaign: marks.utmCampaign,
        yclid: marks.yclid,
        gclid: marks.gclid,
        fbclid: marks.fbclid,
      });
      sessionId = session.id;
    }
    sessionIds.push(sessionId);
    if (hit.type === "pageview") {
      writes.pageViews.push({
        id: createId("pv"),
        tenantId,
        siteId: site.id,
        sessionId,
        url: hit.url,
        title: hit.title || null,
        at,
      });
    } else if (hit.type === "widget_open") {
      writes.widgetOpens.push({
        id: createId("wo"),
        tenantId,
        siteId: site.id,
        sessionId,
        url: hit.widgetUrl,
        title: null,
        at,
      });
    } else {
      // A session stores each value once: here within the batch, in the statement against earlier ones.
      const phone = hit.phone ?? null;
      const email = hit.email ?? null;
      const contactKey = JSON.stringify([sessionId, phone, email]);
      if (!contactsSeen.has(contactKey)) {
        contactsSeen.add(contactKey);
        writes.contacts.push({
          id: createId("cc"),
          tenantId,
          siteId: site.id,
          sessionId,
          phone,
          email,
          at,
        });
      }
    }
  }
  await attributeNewSessions(db, unattributed, prefetchedSources);
  return sessionIds;
}

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

/**
 * Everything a batch decided, in ONE statement (one round trip, one commit): new sessions, the
 * continued sessions' lastSeenAt, page views, widget opens, and captured contacts a session does
 * not have yet. Raw SQL on purpose: every Prisma 6 ORM call compiles its query on the event loop
 * (~1.5 ms of CPU), several times what a hit's acknowledgement costs (`npm run bench:track`).
 */
function writeBatch(
  db: TDb,
  { sessions, touched, pageViews, widgetOpens, contacts }: TBatchWrites,
) {
  const sessionColumn = <T>(pick: (session: TSessionRow) => T) => sessions.map(pick);
  const mark = (name: keyof TCampaignMarks) => sessionColumn((session) => session.marks[name]);
  const events = (rows: TEventRow[]) => ({
    ids: rows.map((row) => row.id),
    tenantIds: rows.map((row) => row.tenantId),
    siteIds: rows.map((row) => row.siteId),
    sessionIds: rows.map((row) => row.sessionId),
    urls: rows.map((row) => row.url),
    titles: rows.map((row) => row.title),
    ats: iso(rows.map((row) => row.at)),
  });
  const views = events(pageViews);
  const opens = events(widgetOpens);
  const touchedRows = [...touched];
  return db.$queryRaw<{ done: number }[]>`
    WITH new_sessions AS (
      INSERT INTO "TrackerSession" ("id", "tenantId", "siteId", "visitorId", "sessionKey", "startedAt", "lastSeenAt", "landingUrl", "referrer",
        "utmSource", "utmMedium", "utmCampaign", "utmContent", "utmTerm", "yclid", "gclid", "fbclid", "channel", "sourceId", "campaignId")
      SELECT n."id", n."tenantId", n."siteId", n."visitorId", n."sessionKey", n."startedAt"::timestamptz, n."lastSeenAt"::timestamptz, n."landingUrl", n."referrer",
        n."utmSource", n."utmMedium", n."utmCampaign", n."utmContent", n."utmTerm", n."yclid", n."gclid", n."fbclid", n."channel"::"TrafficChannel", n."sourceId", n."campaignId"
      FROM unnest(${sessionColumn((session) => session.id)}::text[], ${sessionColumn((session) => session.tenantId)}::text[], ${sessionColumn((session) => session.siteId)}::text[],
        ${sessionColumn((session) => session.visitorId)}::text[], ${sessionColumn((session) => session.sessionKey)}::text[], ${iso(sessionColumn((session) => session.startedAt))}::text[],
        ${iso(sessionColumn((session) => session.lastSeenAt))}::text[], ${sessionColumn((session) => session.landingUrl)}::text[], ${sessionColumn((session) => session.referrer)}::text[],
        ${mark("utmSource")}::text[], ${mark("utmMedium")}::text[], ${mark("utmCampaign")}::text[], ${mark("utmContent")}::text[], ${mark("utmTerm")}::text[],
        ${mark("yclid")}::text[], ${mark("gclid")}::text[], ${mark("fbclid")}::text[], ${sessionColumn((session) => session.channel)}::text[],
        ${sessionColumn((session) => session.sourceId)}::text[], ${sessionColumn((session) => session.campaignId)}::text[])
        AS n("id", "tenantId", "siteId", "visitorId", "sessionKey", "startedAt", "lastSeenAt", "landingUrl", "referrer",
          "utmSource", "utmMedium", "utmCampaign", "utmContent", "utmTerm", "yclid", "gclid", "fbclid", "channel", "sourceId", "campaignId")
      RETURNING 1),
    touched AS (
      UPDATE "TrackerSession" AS s SET "lastSeenAt" = t."at"::timestamptz
      FROM unnest(${touchedRows.map(([id]) => id)}::text[], ${touchedRows.map(([, row]) => row.tenantId)}::text[], ${iso(touchedRows.map(([, row]) => row.at))}::text[]) AS t("id", "tenantId", "at")
      WHERE s."id" = t."id" AND s."tenantId" = t."tenantId" AND s."lastSeenAt" < t."at"::timestamptz
      RETURNING 1),
    page_views AS (
      INSERT INTO "PageView" ("id", "tenantId", "sessionId", "url", "title", "at")
      SELECT v."id", v."tenantId", v."sessionId", v."url", v."title", v."at"::timestamptz
      FROM unnest(${views.ids}::text[], ${views.tenantIds}::text[], ${views.sessionIds}::text[], ${views.urls}::text[], ${views.titles}::text[], ${views.ats}::text[])
        AS v("id", "tenantId", "sessionId", "url", "title", "at")
      RETURNING 1),
    widget_opens AS (
      INSERT INTO "WidgetOpen" ("id", "tenantId", "siteId", "sessionId", "url", "at")
      SELECT o."id", o."tenantId", o."siteId", o."sessionId", o."url", o."at"::timestamptz
      FROM unnest(${opens.ids}::text[], ${opens.tenantIds}::text[], ${opens.siteIds}::text[], ${opens.sessionIds}::text[], ${opens.urls}::text[], ${opens.ats}::text[])
        AS o("id", "tenantId", "siteId", "sessionId", "url", "at")
      RETURNING 1),
    contacts AS (
      INSERT INTO "CapturedContact" ("id", "tenantId", "siteId", "sessionId", "phone", "email", "at")
      SELECT c."id", c."tenantId", c."siteId", c."sessionId", c."phone", c."email", c."at"::timestamptz
      FROM unnest(${contacts.map((row) => row.id)}::text[], ${contacts.map((row) => row.tenantId)}::text[], ${contacts.map((row) => row.siteId)}::text[],
        ${contacts.map((row) => row.sessionId)}::text[], ${contacts.map((row) => row.phone)}::text[], ${contacts.map((row) => row.email)}::text[], ${iso(contacts.map((row) => row.at))}::text[])
        AS c("id", "tenantId", "siteId", "sessionId", "phone", "email", "at")
      WHERE NOT EXISTS (
        SELECT 1 FROM "CapturedContact" AS k
        WHERE k."tenantId" = c."tenantId" AND k."sessionId" = c."sessionId" AND k."phone" IS NOT DISTINCT FROM c."phone" AND k."email" IS NOT DISTINCT FROM c."email")
      RETURNING 1)
    SELECT (SELECT count(*) FROM new_sessions)::int + (SELECT count(*) FROM touched)::int + (SELECT count(*) FROM page_views)::int
      + (SELECT count(*) FROM widget_opens)::int + (SELECT count(*) FROM contacts)::int AS "done"`;
}

/** Records a batch of hits: two statements (latest sessions, then all writes), plus the lookups new sessions need. */
async function recordTrackHitBatch(
  db: TDb,
  hits: TRecordTrackHitOptions[],
): Promise<(string | null)[]> {
  const writes: TBatchWrites = {
    sessions: [],
    touched: new Map(),
    pageViews: [],
    widgetOpens: [],
    contacts: [],
  };
  const sessionIds = await planBatch(db, hits, writes);
  if (
    writes.sessions.length +
      writes.touched.size +
      writes.pageViews.length +
      writes.widgetOpens.length +
      writes.contacts.length >
    0
  )
    await writeBatch(db, writes);
  return sessionIds;
}

/**
 * Records one tracker hit: the session (continued or started), then the page view, widget open or
 * captured contact, and returns the session id. Contacts count only for sites that opted in (null
 * otherwise), and a session stores each value once. Callers serialize hits of one visitor (the ingest
 * queue), so two hits never race to start a session.
 *
 * Group commit (createGroupCommit): hits that arrive while a batch is recorded go together into the
 * next one, in arrival order, as if one after the other.
 */
export const recordTrackHit = createGroupCommit<TDb, TRecordTrackHitOptions, string | null>({
  maxBatch: 1000,
  runBatch: recordTrackHitBatch,
});

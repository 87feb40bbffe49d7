import type { TDbClient } from "@/server/db/types";

/** The call as the crediting needs it: only incoming calls are communications to credit. */
export type TCallToCredit = {
  id: string;
  tenantId: string;
  direction: string;
  companyNumber: string | null;
  startedAt: Date;
};

type TDialledNumber = {
  id: string;
  usage: "pool" | "static" | "fallback";
  siteId: string | null;
  sourceId: string | null;
  campaignId: string | null;
  channel: string | null;
};

type TLeasedVisit = { siteId: string; sessionId: string | null };

async function findDialledNumber(
  db: TDbClient,
  call: TCallToCredit,
): Promise<TDialledNumber | null> {
  if (!call.companyNumber) return null;
  // A static number of a campaign credits the campaign's source too.
  const [number] = await db.$queryRaw<TDialledNumber[]>`
    SELECT n."id", n."usage"::text AS "usage", n."siteId", coalesce(cmp."sourceId", n."sourceId") AS "sourceId",
      n."campaignId", src."channel"::text AS "channel"
    FROM "TrackingNumber" n
    LEFT JOIN "AdCampaign" cmp ON cmp."id" = n."campaignId"
    LEFT JOIN "Source" src ON src."id" = coalesce(cmp."sourceId", n."sourceId")
    WHERE n."tenantId" = ${call.tenantId} AND n."phone" = ${call.companyNumber}`;
  return number ?? null;
}

/**
 * The visit that held a pool number when the call began: the lease of that number started last
 * before it and not yet over, and the latest session with the lease's key (a session the server
 * rolled over shares its key, see TrackerSession.sessionKey). The session may be missing when its
 * page view was never recorded: the call is still the lease's, without its traffic.
 */
async function findLeasedVisit(
  db: TDbClient,
  { numberId, call }: { numberId: string; call: TCallToCredit },
): Promise<TLeasedVisit | null> {
  const [visit] = await db.$queryRaw<TLeasedVisit[]>`
    SELECT l."siteId", s."id" AS "sessionId"
    FROM (
      SELECT * FROM "NumberLease"
      WHERE "numberId" = ${numberId} AND NOT "isFallback" AND "startedAt" <= ${call.startedAt}::timestamptz
      ORDER BY "startedAt" DESC LIMIT 1
    ) l
    LEFT JOIN LATERAL (
      SELECT "id" FROM "TrackerSession"
      WHERE "tenantId" = ${call.tenantId} AND "sessionKey" = l."sessionKey" AND "siteId" = l."siteId"
      ORDER BY ("startedAt" <= ${call.startedAt}::timestamptz) DESC, "startedAt" DESC LIMIT 1
    ) s ON true
    WHERE l."endsAt" > ${call.startedAt}::timestamptz`;
  return visit ?? null;
}

/** Clears what an earlier crediting wrote: the call is no longer an incoming one. */
async function clearCredit(db: TDbClient, call: TCallToCredit) {
  await db.$executeRaw`
    UPDATE "Call" SET "trackingRule" = NULL, "trackingNumberId" = NULL, "siteId" = NULL, "sessionId" = NULL,
      "sourceId" = NULL, "campaignId" = NULL, "channel" = NULL, "utmSource" = NULL, "utmMedium" = NULL,
      "utmCampaign" = NULL, "utmContent" = NULL, "utmTerm" = NULL, "landingUrl" = NULL, "referrer" = NULL,
      "yclid" = NULL, "gclid" = NULL, "fbclid" = NULL
    WHERE "id" = ${call.id} AND "tenantId" = ${call.tenantId} AND "trackingRule" IS NOT NULL`;
}

/** Copies the session's traffic onto the call, like a lead's (rule `dynamic_number`). */
async function creditToSession(
  db: TDbClient,
  { call, numberId, visit }: { call: TCallToCredit; numberId: string; visit: TLeasedVisit },
) {
  await db.$executeRaw`
    UPDATE "Call" AS c SET "trackingRule" = 'dynamic_number', "trackingNumberId" = ${numberId},
      "siteId" = ${visit.siteId}, "sessionId" = s."id", "sourceId" = s."sourceId", "campaignId" = s."campaignId",
      "channel" = s."channel", "utmSource" = s."utmSource", "utmMedium" = s."utmMedium",
      "utmCampaign" = s."utmCampaign", "utmContent" = s."utmContent", "utmTerm" = s."utmTerm",
      "landingUrl" = s."landingUrl", "referrer" = s."referrer", "yclid" = s."yclid", "gclid" = s."gclid",
      "fbclid" = s."fbclid"
    FROM (SELECT NULL) AS one
    LEFT JOIN "TrackerSession" AS s ON s."id" = ${visit.sessionId}::text AND s."tenantId" = ${call.tenantId}
    WHERE c."id" = ${call.id} AND c."tenantId" = ${call.tenantId}`;
}

/** A static number's source and campaign, or nothing at all for unidentified traffic. */
async function creditToNumber(
  db: TDbClient,
  {
    call,
    number,
    rule,
  }: { call: TCallToCredit; number: TDialledNumber | null; rule: "static_number" | "unidentified" },
) {
  const isStatic = rule === "static_number";
  await db.$executeRaw`
    UPDATE "Call" SET "trackingRule" = ${rule}::"CallTrackingRule", "trackingNumberId" = ${number?.id ?? null}::text,
      "siteId" = ${number?.siteId ?? null}::text, "sessionId" = NULL,
      "sourceId" = ${isStatic ? (number?.sourceId ?? null) : null}::text,
      "campaignId" = ${isStatic ? (number?.campaignId ?? null) : null}::text,
      "channel" = ${isStatic ? (number?.channel ?? null) : null}::"TrafficChannel",
      "utmSource" = NULL, "utmMedium" = NULL, "utmCampaign" = NULL, "utmContent" = NULL, "utmTerm" = NULL,
      "landingUrl" = NULL, "referrer" = NULL, "yclid" = NULL, "gclid" = NULL, "fbclid" = NULL
    WHERE "id" = ${call.id} AND "tenantId" = ${call.tenantId}`;
}

/**
 * Credits an incoming call to the traffic that made the phone ring (docs/call-tracking.md §4): the
 * visit that held the dialled pool number when the call began (`dynamic_number`), the dialled
 * static number's source or campaign (`static_number`), or nobody (`unidentified`: a fallback
 * number, a pool number nobody held, a number not tracked). Deterministic from the stored leases,
 * so crediting again (a backfilled call, a corrected start) gives the same answer.
 */
export async function creditCall(db: TDbClient, call: TCallToCredit): Promise<void> {
  if (call.direction !== "incoming") return clearCredit(db, call);
  const number = await findDialledNumber(db, call);
  if (number?.usage === "static")
    return creditToNumber(db, { call, number, rule: "static_number" });
  const visit =
    number?.usage === "pool" ? await findLeasedVisit(db, { numberId: number.id, call }) : null;
  if (number && visit) return creditToSession(db, { call, numberId: number.id, visit });
  return creditToNumber(db, { call, number, rule: "unidentified" });
}

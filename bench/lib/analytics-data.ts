import type pg from "pg";

/**
 * One workspace's traffic for `bench:analytics`, spread over `days` days before `now`: 12 sources
 * (5 paid with 24 campaigns each), sessions, widget leads, incoming calls, clients and deals with
 * their attribution. Every expression is deterministic in the row number `g`, so runs compare.
 * Triggers are off while it loads (the caller's `session_replication_role`), as a restore would be.
 */
export type TAnalyticsVolume = {
  sessions: number;
  leads: number;
  calls: number;
  deals: number;
  clients: number;
  days: number;
};

type TScope = { tenantId: string; connectionId: string; telephonyId: string; siteId: string };

const SOURCES = [
  ["yandex_direct", "paid"],
  ["vk_ads", "paid"],
  ["google_ads", "paid"],
  ["avito", "paid"],
  ["telegram_ads", "paid"],
  ["organic_yandex", "organic"],
  ["organic_google", "organic"],
  ["organic_other", "organic"],
  ["social", "social"],
  ["referral", "referral"],
  ["email", "email"],
  ["direct", "direct"],
] as const;
const PAID_SOURCES = 5;
const CAMPAIGNS_PER_SOURCE = 24;

/**
 * The traffic group of row `g`, as SQL over the `g` column: one of the 12 sources, a campaign for
 * paid ones, UTM content of 8 and term of 10 values for paid ones, nothing for 1 row in 25 (only
 * where `withNone`).
 */
const groupSql = (g: string, withNone: boolean) => `
  CASE WHEN ${withNone} AND ${g} % 25 = 0 THEN NULL ELSE ${g} % 12 END AS source_no,
  (${g} / 12) % ${CAMPAIGNS_PER_SOURCE} AS campaign_no,
  'ad_' || (${g} / 7) % 8 AS content,
  'kw_' || (${g} / 11) % 10 AS term`;

export async function insertAnalyticsWorkspace(
  sql: pg.Client,
  scope: TScope,
  volume: TAnalyticsVolume,
  now: Date,
): Promise<void> {
  const { tenantId } = scope;
  for (const [index, [presetKey, channel]] of SOURCES.entries())
    await sql.query(
      `INSERT INTO "Source" ("id", "tenantId", "name", "channel", "presetKey") VALUES ($1, $2, $3, $4, $3)`,
      [`src_${tenantId}_${index}`, tenantId, presetKey, channel],
    );
  await sql.query(
    `INSERT INTO "AdCampaign" ("id", "tenantId", "sourceId", "name", "utmCampaigns")
     SELECT 'cmp_' || $1 || '_' || s || '_' || c, $1, 'src_' || $1 || '_' || s, 'Кампания ' || s || '-' || c, ARRAY['camp_' || s || '_' || c]
     FROM generate_series(0, $2 - 1) AS s, generate_series(0, $3 - 1) AS c`,
    [tenantId, PAID_SOURCES, CAMPAIGNS_PER_SOURCE],
  );
  await sql.query(
    `INSERT INTO "AdCost" ("id", "tenantId", "campaignId", "periodStart", "periodEnd", "amountMinor", "origin", "updatedAt")
     SELECT 'cost_' || a."id", $1, a."id", date_trunc('month', $2::timestamptz)::date, (date_trunc('month', $2::timestamptz) + interval '1 month - 1 day')::date,
       5000000 + length(a."id") * 1000, 'manual', now()
     FROM "AdCampaign" a WHERE a."tenantId" = $1`,
    [tenantId, now],
  );
  await sql.query(
    `INSERT INTO "Client" ("id", "tenantId", "phone", "updatedAt")
     SELECT 'cli_' || $1 || '_' || g, $1, '+7990' || lpad(g::text, 7, '0'), now() FROM generate_series(1, $2::int) AS g`,
    [tenantId, volume.clients],
  );
  const spread = (g: string) =>
    `$2::timestamptz - make_interval(secs => ((${g}::bigint * 2654435761) % (${volume.days} * 86400)) + 60)`;
  // Source, campaign and UTM columns of a row from its group; the campaign and UTM for paid sources only.
  const traffic = `
    (CASE WHEN source_no IS NULL THEN NULL ELSE ($5::text[])[source_no + 1] END)::"TrafficChannel",
    CASE WHEN source_no IS NULL THEN NULL ELSE 'src_' || $1 || '_' || source_no END,
    CASE WHEN source_no < ${PAID_SOURCES} THEN 'cmp_' || $1 || '_' || source_no || '_' || campaign_no END,
    CASE WHEN source_no < ${PAID_SOURCES} THEN content END,
    CASE WHEN source_no < ${PAID_SOURCES} THEN term END`;
  const channels = SOURCES.map(([, channel]) => channel);
  await sql.query(
    `INSERT INTO "TrackerSession" ("id", "tenantId", "siteId", "visitorId", "sessionKey", "startedAt", "lastSeenAt", "landingUrl",
       "channel", "sourceId", "campaignId", "utmContent", "utmTerm")
     SELECT 'ses_' || g, $1, $3, 'v' || g, 'k' || g, at, at, 'https://salon.example/', ${traffic}
     FROM (SELECT g, ${spread("g")} AS at, ${groupSql("g", false)} FROM generate_series(1, $4::int) AS g) AS rows`,
    [tenantId, now, scope.siteId, volume.sessions, channels],
  );
  await sql.query(
    `INSERT INTO "Lead" ("id", "tenantId", "connectionId", "externalId", "crmCreatedAt", "attributionRule", "clientId", "updatedAt",
       "channel", "sourceId", "campaignId", "utmContent", "utmTerm")
     SELECT 'lead_' || g, $1, $3, 'l' || g, at, 'session_id', 'cli_' || $1 || '_' || (1 + (g::bigint * 7919) % $6::int), now(),
       ${traffic}
     FROM (SELECT g, ${spread("g * 3")} AS at, ${groupSql("g", true)} FROM generate_series(1, $4::int) AS g) AS rows`,
    [tenantId, now, scope.connectionId, volume.leads, channels, volume.clients],
  );
  await sql.query(
    `INSERT INTO "Call" ("id", "tenantId", "connectionId", "providerCallId", "direction", "state", "clientPhone", "clientId", "startedAt", "updatedAt")
     SELECT 'call_' || g, $1, $3, 'pbx' || g, (CASE WHEN g % 5 = 0 THEN 'outgoing' ELSE 'incoming' END)::"CallDirection", 'ended',
       '+7990' || lpad((1 + (g::bigint * 104729) % $5::int)::text, 7, '0'), 'cli_' || $1 || '_' || (1 + (g::bigint * 104729) % $5::int),
       ${spread("g * 5")}, now()
     FROM generate_series(1, $4::int) AS g`,
    [tenantId, now, scope.telephonyId, volume.calls, volume.clients],
  );
  for (let first = 1; first <= volume.deals; first += 200_000)
    await sql.query(
      `INSERT INTO "Deal" ("id", "tenantId", "connectionId", "externalId", "name", "amountMinor", "currency", "status", "stage", "stageGroup",
         "stageOrder", "crmCreatedAt", "clientId", "attributionRule", "updatedAt", "channel", "sourceId", "campaignId", "utmContent", "utmTerm")
       SELECT 'deal_' || g, $1, $3, 'd' || g, 'Стрижка', (1500 + (g % 40) * 100) * 100, 'RUB', grp, grp,
         (CASE WHEN g % 10 < 6 THEN 'won' WHEN g % 10 < 8 THEN 'lost' ELSE 'in_work' END)::"StageGroup", 0, at,
         'cli_' || $1 || '_' || (1 + (g::bigint * 7919) % $6::int),
         (CASE WHEN source_no IS NULL THEN 'undetermined' ELSE 'last_non_direct' END)::"DealAttributionRule", now(),
         ${traffic}
       FROM (SELECT g, ${spread("g * 7")} AS at, ${groupSql("g", true)},
         CASE WHEN g % 10 < 6 THEN 'finished' WHEN g % 10 < 8 THEN 'cancelled' ELSE 'scheduled' END AS grp
         FROM generate_series($4::int, least($4::int + 199999, $7::int)) AS g) AS rows`,
      [tenantId, now, scope.connectionId, first, channels, volume.clients, volume.deals],
    );
}

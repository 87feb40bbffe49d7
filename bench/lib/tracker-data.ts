import type pg from "pg";

/** Seconds over which the generated sessions spread: one year. */
const SPAN_SECONDS = 365 * 86_400;

/**
 * Sessions `$1..$2` of the generated set: one year of a busy salon ending at `$5`, pseudo-randomly
 * spread (insertion order is not time order) over two sites (`$4` 80 %, `$6` 20 %), from 400,000
 * visitors (so many return), with the tenant's sources in realistic proportions (`$3` is the
 * tenant). Every expression is deterministic in `g`, so runs are comparable; the three statements
 * below share this, so a widget open or a contact always lies within its session.
 */
const BASE = `
WITH src AS (
  SELECT array_agg(id ORDER BY "presetKey") AS ids, array_agg(channel ORDER BY "presetKey") AS channels,
         array_agg("utmSources"[1] ORDER BY "presetKey") AS utms, count(*)::int AS n
  FROM "Source" WHERE "tenantId" = $3 AND "presetKey" IS NOT NULL),
base AS (
  SELECT g, 'ses_bench_' || g AS session_id, CASE WHEN g % 5 = 0 THEN $6 ELSE $4 END AS site_id,
    $5::timestamptz - make_interval(secs => (g::bigint * 2654435761) % ${SPAN_SECONDS}) AS started,
    1 + (g * 7) % src.n AS k, src.ids, src.channels, src.utms
  FROM generate_series($1::int, $2::int) AS g, src)`;

const INSERT_SESSIONS = `${BASE}
INSERT INTO "TrackerSession" ("id", "tenantId", "siteId", "visitorId", "sessionKey", "startedAt", "lastSeenAt", "landingUrl", "referrer",
  "utmSource", "utmMedium", "utmCampaign", "yclid", "sourceId", "campaignId", "channel")
SELECT b.session_id, $3, b.site_id, substr(md5('visitor' || (b.g % 400000)), 1, 32), substr(md5('session' || b.g), 1, 32),
  b.started, b.started + make_interval(secs => b.g % 1800),
  'https://www.salon-bench.ru/' || (ARRAY['', 'services', 'prices', 'masters', 'contacts'])[1 + b.g % 5]
    || CASE WHEN b.utms[b.k] IS NOT NULL THEN '?utm_source=' || b.utms[b.k] || '&utm_medium=cpc&utm_campaign=spring-' || (b.g % 20) ELSE '' END,
  CASE b.channels[b.k] WHEN 'organic' THEN 'https://yandex.ru/' WHEN 'referral' THEN 'https://otzovik.example/salon' WHEN 'social' THEN 'https://vk.com/' ELSE NULL END,
  b.utms[b.k], CASE WHEN b.utms[b.k] IS NOT NULL THEN 'cpc' END, CASE WHEN b.utms[b.k] IS NOT NULL THEN 'spring-' || (b.g % 20) END,
  CASE WHEN b.utms[b.k] = 'yandex' THEN substr(md5('yclid' || b.g), 1, 18) END,
  b.ids[b.k], NULL, b.channels[b.k]
FROM base AS b`;

/** One session in 25 opens the widget (40,000 per million), a few minutes after it started. */
const INSERT_WIDGET_OPENS = `${BASE}
INSERT INTO "WidgetOpen" ("id", "tenantId", "siteId", "sessionId", "url", "at")
SELECT 'wo_bench_' || b.g, $3, b.site_id, b.session_id, 'https://klientiks.ru/app/widget/4242?svyaz_sid=' || substr(md5('session' || b.g), 1, 32),
  b.started + make_interval(secs => 60 + b.g % 600)
FROM base AS b WHERE b.g % 25 = 0`;

/**
 * One session in 50 leaves a phone in a form (20,000 per million), half of them an e-mail too;
 * 8,000 distinct clients, so a phone comes back in two or three sessions over the year.
 */
const INSERT_CONTACTS = `${BASE}
INSERT INTO "CapturedContact" ("id", "tenantId", "siteId", "sessionId", "phone", "email", "at")
SELECT 'cc_bench_' || b.g, $3, b.site_id, b.session_id, '+7999' || lpad(((b.g / 50) % 8000)::text, 7, '0'),
  CASE WHEN b.g % 100 = 7 THEN 'client' || ((b.g / 50) % 8000) || '@example.ru' END,
  b.started + make_interval(secs => 30 + b.g % 900)
FROM base AS b WHERE b.g % 50 = 7`;

/**
 * Inserts sessions `first..last` (inclusive) of the generated set, with their widget opens and
 * captured contacts. Page views are left out: no attribution rule reads them.
 */
export async function insertBenchSessions(
  client: pg.Client,
  options: {
    tenantId: string;
    siteId: string;
    secondSiteId: string;
    first: number;
    last: number;
    endsAt: Date;
  },
) {
  const parameters = [
    options.first,
    options.last,
    options.tenantId,
    options.siteId,
    options.endsAt,
    options.secondSiteId,
  ];
  await client.query(INSERT_SESSIONS, parameters);
  await client.query(INSERT_WIDGET_OPENS, parameters);
  await client.query(INSERT_CONTACTS, parameters);
}

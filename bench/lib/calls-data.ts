import type pg from "pg";

/**
 * Calls spread over a year (pseudo-randomly, so insertion order is not time order): 70 % incoming,
 * a quarter of those missed, half of the missed called back; 20 employees; most answered calls
 * recorded; one caller in six calls for the first time; a tenth of the callers are named clients.
 * Every expression is deterministic in `g`, so runs are comparable.
 */
const INSERT_CALLS = `
WITH base AS (
  SELECT g,
    $3::timestamptz - make_interval(secs => (g::bigint * 2654435761) % (365 * 86400)) AS started,
    CASE WHEN g % 10 < 7 THEN 'incoming' ELSE 'outgoing' END AS direction,
    CASE WHEN g % 1000 = 0 THEN 'ringing' ELSE 'ended' END AS state,
    (ARRAY['answered', 'answered', 'answered', 'answered', 'answered', 'no_answer', 'busy', 'cancelled'])[1 + (g * 37) % 8] AS disposition,
    '+7999' || lpad(((g::bigint * 7919) % 10000000)::text, 7, '0') AS phone,
    CASE WHEN g % 10 = 3 THEN (ARRAY['Иванова', 'Смирнова', 'Кузнецова', 'Попова', 'Фёдорова'])[1 + g % 5] || ' ' || (ARRAY['Анна', 'Мария', 'Ольга'])[1 + (g / 5) % 3] END AS name,
    1 + (g / 7) % 20 AS staff
  FROM generate_series($1::int, $2::int) AS g)
INSERT INTO "Call" ("id", "tenantId", "connectionId", "providerCallId", "direction", "state", "clientPhone", "companyNumber", "extension", "membershipId",
  "startedAt", "answeredAt", "endedAt", "waitSeconds", "talkSeconds", "disposition", "rawDisposition", "recordingState", "recordingRef", "isFirstCall",
  "calledBackAt", "searchText", "updatedAt")
SELECT 'call_' || substr(md5('bench' || b.g), 1, 20), $4, $5, 'pbx-' || b.g, b.direction::"CallDirection", b.state::"CallState", b.phone, '+74950000000',
  (100 + b.staff)::text, $6 || b.staff, b.started,
  CASE WHEN b.state = 'ended' AND b.disposition = 'answered' THEN b.started + interval '8 seconds' END,
  CASE WHEN b.state = 'ended' THEN b.started + interval '3 minutes' END,
  8, CASE WHEN b.state = 'ended' AND b.disposition = 'answered' THEN 30 + b.g % 600 END,
  CASE WHEN b.state = 'ended' THEN b.disposition::"CallDisposition" END, CASE WHEN b.state = 'ended' THEN replace(b.disposition, '_', ' ') END,
  (CASE WHEN b.state = 'ended' AND b.disposition = 'answered' THEN (CASE WHEN b.g % 50 = 0 THEN 'pending' ELSE 'ready' END) ELSE 'none' END)::"RecordingState",
  CASE WHEN b.state = 'ended' AND b.disposition = 'answered' THEN 'rec-' || b.g END,
  b.g % 6 = 0,
  CASE WHEN b.direction = 'incoming' AND b.disposition <> 'answered' AND b.g % 2 = 0 THEN b.started + interval '20 minutes' END,
  -- What the calls domain writes (table-search.ts): the name folded, then the digits of the phone and its 8 form.
  ltrim(coalesce(translate(lower(b.name), 'ё', 'е'), '') || ' ' || substr(b.phone, 2) || ' 8' || substr(b.phone, 3)),
  b.started + interval '3 minutes'
FROM base AS b`;

/** Inserts calls `first..last` (inclusive) of the generated set in one statement; employees are memberships `{prefix}1..20`. */
export const insertBenchCalls = (
  client: pg.Client,
  options: {
    tenantId: string;
    connectionId: string;
    membershipPrefix: string;
    first: number;
    last: number;
    now: Date;
  },
) =>
  client.query(INSERT_CALLS, [
    options.first,
    options.last,
    options.now,
    options.tenantId,
    options.connectionId,
    options.membershipPrefix,
  ]);

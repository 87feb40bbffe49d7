import type pg from "pg";

/**
 * Deals spread over two years (pseudo-randomly, so insertion order is not time order), a funnel
 * where most visits end `finished`, 20 employees, five services, 0.1 % without a creation date.
 * Every expression is deterministic in `g`, so runs are comparable.
 */
const INSERT_DEALS = `
WITH stages(lo, hi, status, grp, ord) AS (VALUES
  (0, 10, 'scheduled', 'in_work', 0), (10, 18, 'confirmed', 'in_work', 1), (18, 22, 'sms_confirmation_sent', 'in_work', 2),
  (22, 25, 'in_progress', 'in_work', 3), (25, 80, 'finished', 'won', 4), (80, 86, 'missed', 'lost', 5),
  (86, 98, 'cancelled', 'lost', 6), (98, 100, 'cancelled_by_sms', 'lost', 7)),
services(k, name, price) AS (VALUES (0, 'Стрижка женская', 2500), (1, 'Окрашивание', 6500), (2, 'Маникюр', 1800), (3, 'Укладка', 1200), (4, 'Массаж спины', 3000)),
base AS (
  SELECT g,
    CASE WHEN g % 1000 = 0 THEN NULL ELSE $3::timestamptz - make_interval(secs => (g::bigint * 2654435761) % (730 * 86400)) END AS created,
    (ARRAY['Иванова', 'Смирнова', 'Кузнецова', 'Попова', 'Васильева', 'Петрова', 'Соколова', 'Михайлова', 'Новикова', 'Фёдорова'])[1 + g % 10]
      || ' ' || (ARRAY['Анна', 'Мария', 'Ольга', 'Елена', 'Дарья', 'Ксения', 'Ирина', 'Наталья', 'Юлия', 'Татьяна'])[1 + (g / 10) % 10] AS client_name,
    '+7999' || lpad(((g::bigint * 7919) % 10000000)::text, 7, '0') AS phone,
    'client' || (g % 200000) || '@example.ru' AS email,
    1 + (g * 7) % 20 AS staff
  FROM generate_series($1::int, $2::int) AS g)
INSERT INTO "Deal" ("id", "tenantId", "connectionId", "externalId", "name", "amountMinor", "currency", "status", "stage", "stageGroup", "stageOrder",
  "visitStartAt", "visitEndAt", "crmCreatedAt", "crmModifiedAt", "isSale", "isOnlineBooking", "paidBySubscription", "responsibleId", "responsibleName",
  "responsibleKind", "contactName", "contactPhone", "contactEmail", "contacts", "services", "customFields", "raw", "searchText", "updatedAt")
SELECT 'deal_' || substr(md5('bench' || b.g), 1, 20), $4, $5, (1000000 + b.g)::text, s.name, (s.price + (b.g % 50) * 10) * 100, 'RUB',
  st.status, st.status, st.grp::"StageGroup", st.ord,
  b.created + interval '2 days', b.created + interval '2 days 90 minutes', b.created, b.created + interval '1 day',
  b.g % 10 = 7, b.g % 4 = 1, (CASE WHEN b.g % 9 = 4 THEN 'full' ELSE 'none' END)::"SubscriptionPayment",
  b.staff::text, 'Сотрудник ' || b.staff, 'executor', b.client_name, b.phone, b.email,
  jsonb_build_array(jsonb_build_object('klientiksClientId', 500000 + b.g % 200000, 'name', b.client_name, 'phone', b.phone, 'email', b.email, 'leadSource', 'Instagram')),
  jsonb_build_array(jsonb_build_object('serviceId', 11 + s.k, 'name', s.name, 'amountMinor', s.price * 100, 'isPaidBySubscription', b.g % 9 = 4)),
  jsonb_build_object('appointment', jsonb_build_object('comment', 'Комментарий к визиту ' || b.g), 'client', jsonb_build_object('card', 'A-' || b.g)),
  jsonb_build_object('id', 1000000 + b.g, 'status', st.status, 'client_id', 500000 + b.g % 200000, 'executor_id', b.staff, 'start_datetime', b.created + interval '2 days',
    'services', jsonb_build_array(jsonb_build_object('service_id', 11 + s.k, 'name', s.name, 'price', s.price))),
  -- What searchTextOf (table-search.ts) writes: the texts folded (lower case, ё as е), then the digits of the phone and its 8 form.
  translate(lower(s.name || ' ' || b.client_name || ' ' || b.phone || ' ' || b.email), 'ё', 'е') || ' ' || substr(b.phone, 2) || ' 8' || substr(b.phone, 3),
  COALESCE(b.created, $3::timestamptz) + interval '1 day'
FROM base AS b
JOIN stages AS st ON (b.g * 37) % 100 >= st.lo AND (b.g * 37) % 100 < st.hi
JOIN services AS s ON s.k = (b.g * 13) % 5`;

/** Inserts deals `first..last` (inclusive) of the generated set in one statement. */
export const insertBenchDeals = (
  client: pg.Client,
  options: { tenantId: string; connectionId: string; first: number; last: number; now: Date },
) =>
  client.query(INSERT_DEALS, [
    options.first,
    options.last,
    options.now,
    options.tenantId,
    options.connectionId,
  ]);

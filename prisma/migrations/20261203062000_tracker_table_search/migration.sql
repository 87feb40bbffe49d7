-- Table search as Russians type it (src/server/domain/lists/table-search.ts, docs/table-search.md):
-- "searchText" now holds ё as е, and every phone also as its digits and, for +7 numbers, with 8 in
-- front. Both columns get a trigram index, the only kind that serves a LIKE with a leading wildcard.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Backfill: what searchTextOf writes. The stored text was lower-cased by the app already, so only ё
-- is folded here (lower() in SQL would depend on the locale of the server), then the phone forms follow it.
UPDATE "Deal" SET "searchText" = concat_ws(' ', nullif(translate("searchText", 'ё', 'е'), ''), (
  SELECT string_agg(CASE WHEN p."digits" ~ '^7[0-9]{10}$' THEN p."digits" || ' 8' || substr(p."digits", 2) ELSE p."digits" END, ' ' ORDER BY c."position")
  FROM jsonb_array_elements("contacts") WITH ORDINALITY AS c("contact", "position")
  CROSS JOIN LATERAL (SELECT regexp_replace(c."contact" ->> 'phone', '[^0-9]', '', 'g') AS "digits") AS p
  WHERE p."digits" <> ''));

UPDATE "Lead" SET "searchText" = concat_ws(' ', nullif(translate("searchText", 'ё', 'е'), ''), (
  SELECT CASE WHEN p."digits" ~ '^7[0-9]{10}$' THEN p."digits" || ' 8' || substr(p."digits", 2) ELSE p."digits" END
  FROM (SELECT regexp_replace("contactPhone", '[^0-9]', '', 'g') AS "digits") AS p
  WHERE p."digits" <> ''));

-- CreateIndex
CREATE INDEX "Deal_searchText_idx" ON "Deal" USING GIN ("searchText" gin_trgm_ops);

-- The capped count of a search for a common word (a tenth of the deals match) walked this index and
-- read every walked deal from the table to test its text: about a second over a million deals.
-- With the text in the index the walk is index-only. Rare words take the trigram index instead.
-- Prisma cannot spell INCLUDE or NULLS LAST, so this index stays hand-written (schema.prisma).
DROP INDEX "Deal_tenantId_crmCreatedAt_id_idx";
CREATE INDEX "Deal_tenantId_crmCreatedAt_id_searchText_idx" ON "Deal"("tenantId", "crmCreatedAt" DESC NULLS LAST, "id" DESC) INCLUDE ("searchText");

-- CreateIndex
CREATE INDEX "Lead_searchText_idx" ON "Lead" USING GIN ("searchText" gin_trgm_ops);

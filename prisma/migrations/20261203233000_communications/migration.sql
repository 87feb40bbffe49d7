-- Обращения и цели lists widget bookings and incoming calls together (docs/call-tracking.md §6).
-- A plain view: each branch keeps its table's indexes (tenant + time, source, campaign, search), and
-- PostgreSQL pushes the list's filters into both branches and merges their ordered scans.
CREATE VIEW "Communication" AS
SELECT l."id", l."tenantId", 'booking'::text AS "kind", l."crmCreatedAt" AS "occurredAt",
  l."contactName", l."contactPhone", l."contactEmail", l."clientId", l."siteId", l."sessionId",
  l."attributionRule"::text AS "rule", l."sourceId", l."campaignId", l."channel",
  l."utmSource", l."utmMedium", l."utmCampaign", l."utmContent", l."utmTerm",
  l."landingUrl", l."referrer", l."yclid", l."gclid", l."fbclid",
  l."tags", l."declaredSource", l."duplicateOfId", l."dealId", l."externalId",
  NULL::text AS "companyNumber", NULL::int AS "talkSeconds", NULL::"CallDisposition" AS "disposition",
  NULL::boolean AS "isUniqueCall", NULL::boolean AS "isTargetCall",
  l."searchText", l."updatedAt"
FROM "Lead" l
UNION ALL
SELECT c."id", c."tenantId", 'call'::text, c."startedAt",
  cl."name", c."clientPhone", cl."email", c."clientId", c."siteId", c."sessionId",
  c."trackingRule"::text, c."sourceId", c."campaignId", c."channel",
  c."utmSource", c."utmMedium", c."utmCampaign", c."utmContent", c."utmTerm",
  c."landingUrl", c."referrer", c."yclid", c."gclid", c."fbclid",
  ARRAY[]::text[], NULL, NULL, NULL, NULL,
  c."companyNumber", c."talkSeconds", c."disposition",
  c."isUniqueCall", c."isTargetCall",
  c."searchText", c."updatedAt"
FROM "Call" c
LEFT JOIN "Client" cl ON cl."id" = c."clientId" AND cl."tenantId" = c."tenantId"
WHERE c."direction" = 'incoming';

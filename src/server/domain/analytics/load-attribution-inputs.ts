import type { TDbClient } from "@/server/db/types";
import type { TDealAttributionRule } from "@/server/domain/analytics/attribute-deal";
import { type TCommunication, type TTrafficFields } from "@/server/domain/analytics/communication";

/** The attribution a deal row holds now (null rule: never attributed), to write only what changed. */
export type TStoredDealAttribution = TTrafficFields & {
  attributionRule: TDealAttributionRule | null;
  creditedLeadId: string | null;
  creditedCallId: string | null;
  attributionLeadSource: string | null;
};

export type TDealAttributionInput = {
  id: string;
  clientId: string | null;
  createdAt: Date;
  clientLeadSource: string | null;
  stored: TStoredDealAttribution;
};

type TDealRow = Omit<TDealAttributionInput, "stored"> & TStoredDealAttribution;

type TLeadRow = Omit<TCommunication, "kind"> & { clientId: string | null };
type TCallRow = TTrafficFields & { id: string; clientId: string; at: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The deals of one batch with what they hold now. `createdAt` and `clientLeadSource` are read as
 * deal-attribution §9 says: the appointment's creation in Klientiks, else ours; the primary
 * contact's `lead_source`. Raw SQL: runs after every deal upsert (decisions/0002).
 */
export async function loadDealsToAttribute(
  db: TDbClient,
  { tenantId, dealIds }: { tenantId: string; dealIds: readonly string[] },
): Promise<TDealAttributionInput[]> {
  const rows = await db.$queryRaw<TDealRow[]>`
    SELECT d."id", d."clientId", COALESCE(d."crmCreatedAt", d."createdAt") AS "createdAt",
      NULLIF(btrim(d."contacts"->0->>'leadSource'), '') AS "clientLeadSource",
      d."attributionRule"::text AS "attributionRule", d."siteId", d."sourceId", d."campaignId", d."channel"::text AS "channel",
      d."utmSource", d."utmMedium", d."utmCampaign", d."utmContent", d."utmTerm",
      d."creditedLeadId", d."creditedCallId", d."attributionLeadSource"
    FROM "Deal" AS d
    WHERE d."tenantId" = ${tenantId} AND d."id" = ANY(${[...dealIds]}::text[])`;
  return rows.map(({ id, clientId, createdAt, clientLeadSource, ...stored }) => ({
    id,
    clientId,
    createdAt,
    clientLeadSource,
    stored,
  }));
}

/**
 * Every communication that may count for some deal of the batch (deal-attribution §9): the
 * clients' widget leads and incoming calls from the earliest deal's window start up to the latest
 * deal, plus the deals' own bookings whatever their time. The coarse bound over-fetches for a
 * batch of far-apart deals; `attributeDeal` drops what does not count.
 */
export async function loadCommunicationsOfDeals(
  db: TDbClient,
  {
    tenantId,
    deals,
    windowDays,
  }: { tenantId: string; deals: readonly TDealAttributionInput[]; windowDays: number },
): Promise<{ communications: TCommunication[]; clientIdOf: ReadonlyMap<string, string> }> {
  const clientIds = [...new Set(deals.flatMap((deal) => (deal.clientId ? [deal.clientId] : [])))];
  const dealIds = deals.map((deal) => deal.id);
  const times = deals.map((deal) => deal.createdAt.getTime());
  const from = new Date(Math.min(...times) - windowDays * DAY_MS);
  const to = new Date(Math.max(...times));
  const leads = await db.$queryRaw<TLeadRow[]>`
    SELECT l."id", l."clientId", l."dealId", l."crmCreatedAt" AS "at", l."siteId", l."sourceId", l."campaignId", l."channel"::text AS "channel",
      l."utmSource", l."utmMedium", l."utmCampaign", l."utmContent", l."utmTerm",
      l."attributionRule" IN ('default_source', 'default_campaign') AS "isWorkspaceDefault"
    FROM "Lead" AS l
    WHERE l."tenantId" = ${tenantId}
      AND ((l."clientId" = ANY(${clientIds}::text[]) AND l."crmCreatedAt" >= ${from}::timestamptz AND l."crmCreatedAt" < ${to}::timestamptz)
        OR l."dealId" = ANY(${dealIds}::text[]))`;
  const calls =
    clientIds.length === 0
      ? []
      : await db.$queryRaw<TCallRow[]>`
        SELECT c."id", c."clientId", c."startedAt" AS "at", c."siteId", c."sourceId", c."campaignId", c."channel"::text AS "channel",
          c."utmSource", c."utmMedium", c."utmCampaign", c."utmContent", c."utmTerm"
        FROM "Call" AS c
        WHERE c."tenantId" = ${tenantId} AND c."clientId" = ANY(${clientIds}::text[]) AND c."direction" = 'incoming'
          AND c."startedAt" >= ${from}::timestamptz AND c."startedAt" < ${to}::timestamptz`;
  const clientIdOf = new Map<string, string>();
  const communications: TCommunication[] = [];
  for (const { clientId, ...lead } of leads) {
    if (clientId) clientIdOf.set(lead.id, clientId);
    communications.push({ ...lead, kind: "widget_lead" });
  }
  // A call carries the traffic call tracking credited it to; an unidentified one none, so it is
  // direct (deal-attribution §4).
  for (const { clientId, ...call } of calls) {
    clientIdOf.set(call.id, clientId);
    communications.push({ ...call, kind: "call", dealId: null, isWorkspaceDefault: false });
  }
  return { communications, clientIdOf };
}

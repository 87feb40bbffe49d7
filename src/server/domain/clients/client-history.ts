import type { TDbClient } from "@/server/db/types";

/**
 * Everything the workspace knows about one client, for the client page and the incoming-call card
 * (docs/clients.md "History"): the newest calls, deals (visits) and leads, each list capped.
 */

export const CLIENT_HISTORY_LIMIT = 50;

export type TClientHistory = {
  client: {
    id: string;
    phone: string;
    name: string | null;
    email: string | null;
    klientiksClientId: string | null;
    crmLookedUpAt: Date | null;
  };
  calls: {
    id: string;
    direction: string;
    state: string;
    startedAt: Date;
    answeredAt: Date | null;
    endedAt: Date | null;
    waitSeconds: number | null;
    talkSeconds: number | null;
    disposition: string | null;
    extension: string | null;
    membershipId: string | null;
    recordingState: string;
    isFirstCall: boolean;
    calledBackAt: Date | null;
  }[];
  deals: {
    id: string;
    name: string;
    visitStartAt: Date | null;
    visitEndAt: Date | null;
    stage: string;
    stageGroup: string;
    amountMinor: number;
    currency: string;
    crmCreatedAt: Date | null;
  }[];
  leads: {
    id: string;
    crmCreatedAt: Date;
    channel: string | null;
    sourceName: string | null;
    campaignName: string | null;
    declaredSource: string | null;
    utmSource: string | null;
    utmMedium: string | null;
    utmCampaign: string | null;
    utmContent: string | null;
    utmTerm: string | null;
    dealId: string | null;
  }[];
};

/** The client's history in the tenant, or null when the tenant has no such client. */
export async function findClientHistory(
  db: TDbClient,
  { tenantId, clientId }: { tenantId: string; clientId: string },
): Promise<TClientHistory | null> {
  const client = await db.client.findFirst({
    where: { id: clientId, tenantId },
    select: {
      id: true,
      phone: true,
      name: true,
      email: true,
      klientiksClientId: true,
      crmLookedUpAt: true,
    },
  });
  if (!client) return null;
  const [calls, deals, leads] = await Promise.all([
    db.call.findMany({
      where: { tenantId, clientId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: CLIENT_HISTORY_LIMIT,
      select: {
        id: true,
        direction: true,
        state: true,
        startedAt: true,
        answeredAt: true,
        endedAt: true,
        waitSeconds: true,
        talkSeconds: true,
        disposition: true,
        extension: true,
        membershipId: true,
        recordingState: true,
        isFirstCall: true,
        calledBackAt: true,
      },
    }),
    db.deal.findMany({
      where: { tenantId, clientId },
      orderBy: [{ visitStartAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: CLIENT_HISTORY_LIMIT,
      select: {
        id: true,
        name: true,
        visitStartAt: true,
        visitEndAt: true,
        stage: true,
        stageGroup: true,
        amountMinor: true,
        currency: true,
        crmCreatedAt: true,
      },
    }),
    db.$queryRaw<TClientHistory["leads"]>`
      SELECT l."id", l."crmCreatedAt", l."channel"::text AS "channel", s."name" AS "sourceName", a."name" AS "campaignName", l."declaredSource",
        l."utmSource", l."utmMedium", l."utmCampaign", l."utmContent", l."utmTerm", l."dealId"
      FROM "Lead" AS l
      LEFT JOIN "Source" AS s ON s."id" = l."sourceId" AND s."tenantId" = l."tenantId"
      LEFT JOIN "AdCampaign" AS a ON a."id" = l."campaignId" AND a."tenantId" = l."tenantId"
      WHERE l."tenantId" = ${tenantId} AND l."clientId" = ${clientId}
      ORDER BY l."crmCreatedAt" DESC, l."id" DESC
      LIMIT ${CLIENT_HISTORY_LIMIT}::int`,
  ]);
  return { client, calls, deals, leads };
}

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { lockCampaigns } from "@/server/domain/sites/manage-campaigns";

/**
 * Auto-created campaigns per workspace. `/api/track` is public, so anyone holding a site key can
 * invent `utm_campaign` values; past this many, new values stay on the session but make no campaign.
 */
const MAX_AUTO_CAMPAIGNS = 500;

const findByValue = (
  db: TDbClient,
  { tenantId, sourceId, value }: { tenantId: string; sourceId: string; value: string },
) =>
  db.adCampaign.findFirst({
    where: { tenantId, sourceId, utmCampaigns: { has: value } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });

/**
 * The campaign of a source that a `utm_campaign` value identifies. When none does and the visit is
 * paid, the first visit creates one named after the value (issue 4 §1), under the workspace's
 * campaign lock so that concurrent first visits create it once.
 */
export async function resolveCampaign(
  db: TDb,
  options: { tenantId: string; sourceId: string; value: string; mayCreate: boolean },
): Promise<string | null> {
  const existing = await findByValue(db, options);
  if (existing || !options.mayCreate) return existing?.id ?? null;
  return db.$transaction(async (tx) => {
    await lockCampaigns(tx, options.tenantId);
    const created = await findByValue(tx, options);
    if (created) return created.id;
    if (
      (await tx.adCampaign.count({ where: { tenantId: options.tenantId, isAutoCreated: true } })) >=
      MAX_AUTO_CAMPAIGNS
    )
      return null;
    const campaign = await tx.adCampaign.create({
      data: {
        id: createId("cmp"),
        tenantId: options.tenantId,
        sourceId: options.sourceId,
        name: options.value,
        utmCampaigns: [options.value],
        isAutoCreated: true,
      },
      select: { id: true },
    });
    return campaign.id;
  });
}

/**
 * `findByValue` for many values at once, in one query: for each (workspace, source, value), the
 * oldest campaign of that source that lists the value, or null.
 */
export async function findCampaignsByValues(
  db: TDbClient,
  keys: readonly { tenantId: string; sourceId: string; value: string }[],
): Promise<(string | null)[]> {
  if (keys.length === 0) return [];
  const distinct = (pick: (key: (typeof keys)[number]) => string) => [...new Set(keys.map(pick))];
  const rows = await db.adCampaign.findMany({
    where: {
      tenantId: { in: distinct((key) => key.tenantId) },
      sourceId: { in: distinct((key) => key.sourceId) },
      utmCampaigns: { hasSome: distinct((key) => key.value) },
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, tenantId: true, sourceId: true, utmCampaigns: true },
  });
  return keys.map(
    (key) =>
      rows.find(
        (row) =>
          row.tenantId === key.tenantId &&
          row.sourceId === key.sourceId &&
          row.utmCampaigns.includes(key.value),
      )?.id ?? null,
  );
}

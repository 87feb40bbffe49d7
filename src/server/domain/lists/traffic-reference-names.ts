import type { TDbClient } from "@/server/db/types";

type TSourceName = { name: string; presetKey: string | null };
export type TTrafficReferenceNames = {
  sites: Map<string, string>;
  sources: Map<string, TSourceName>;
  campaigns: Map<string, string>;
};
type TReferencedIds = { siteId: string | null; sourceId: string | null; campaignId: string | null };

const idsIn = (values: (string | null)[]) => [
  ...new Set(values.filter((value): value is string => value !== null)),
];

/**
 * Names of the sites, sources and campaigns leads and deals point at, read from the workspace's
 * settings when the rows are read: a campaign the tracker created after the browser loaded its
 * lists still shows by name. `rows` limits the lookup to what they reference; without it, all are read.
 */
export async function loadTrafficReferenceNames(
  db: TDbClient,
  { tenantId, rows }: { tenantId: string; rows?: TReferencedIds[] },
): Promise<TTrafficReferenceNames> {
  const only = (ids: string[]) => (rows ? { id: { in: ids } } : {});
  const [sites, sources, campaigns] = await Promise.all([
    db.site.findMany({
      where: { tenantId, ...only(idsIn(rows?.map((row) => row.siteId) ?? [])) },
      select: { id: true, name: true },
    }),
    db.source.findMany({
      where: { tenantId, ...only(idsIn(rows?.map((row) => row.sourceId) ?? [])) },
      select: { id: true, name: true, presetKey: true },
    }),
    db.adCampaign.findMany({
      where: { tenantId, ...only(idsIn(rows?.map((row) => row.campaignId) ?? [])) },
      select: { id: true, name: true },
    }),
  ]);
  return {
    sites: new Map(sites.map((site) => [site.id, site.name])),
    sources: new Map(
      sources.map((source) => [source.id, { name: source.name, presetKey: source.presetKey }]),
    ),
    campaigns: new Map(campaigns.map((campaign) => [campaign.id, campaign.name])),
  };
}

/** The row with the names of what it references (null where the site, source or campaign was deleted since). */
export function withReferenceNames<T extends TReferencedIds>(
  row: T,
  names: TTrafficReferenceNames,
) {
  const source = row.sourceId ? names.sources.get(row.sourceId) : undefined;
  return {
    ...row,
    siteName: (row.siteId && names.sites.get(row.siteId)) || null,
    sourceName: source?.name ?? null,
    sourcePresetKey: source?.presetKey ?? null,
    campaignName: (row.campaignId && names.campaigns.get(row.campaignId)) || null,
  };
}

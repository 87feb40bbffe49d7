import type { TDbClient } from "@/server/db/types";

type TSourceName = { name: string; presetKey: string | null };
export type TLeadReferenceNames = {
  sites: Map<string, string>;
  sources: Map<string, TSourceName>;
  campaigns: Map<string, string>;
};
type TReferencedIds = { siteId: string | null; sourceId: string | null; campaignId: string | null };

const idsIn = (values: (string | null)[]) => [
  ...new Set(values.filter((value): value is string => value !== null)),
];

/**
 * Names of the sites, sources and campaigns leads point at, read from the workspace's settings
 * when the leads are read: a campaign the tracker created after the browser loaded its lists
 * still shows by name. `leads` limits the lookup to what they reference; without it, all are read.
 */
export async function loadLeadReferenceNames(
  db: TDbClient,
  { tenantId, leads }: { tenantId: string; leads?: TReferencedIds[] },
): Promise<TLeadReferenceNames> {
  const only = (ids: string[]) => (leads ? { id: { in: ids } } : {});
  const [sites, sources, campaigns] = await Promise.all([
    db.site.findMany({
      where: { tenantId, ...only(idsIn(leads?.map((lead) => lead.siteId) ?? [])) },
      select: { id: true, name: true },
    }),
    db.source.findMany({
      where: { tenantId, ...only(idsIn(leads?.map((lead) => lead.sourceId) ?? [])) },
      select: { id: true, name: true, presetKey: true },
    }),
    db.adCampaign.findMany({
      where: { tenantId, ...only(idsIn(leads?.map((lead) => lead.campaignId) ?? [])) },
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

/** The lead with the names of what it references (null where the row was deleted since). */
export function withReferenceNames<T extends TReferencedIds>(lead: T, names: TLeadReferenceNames) {
  const source = lead.sourceId ? names.sources.get(lead.sourceId) : undefined;
  return {
    ...lead,
    siteName: (lead.siteId && names.sites.get(lead.siteId)) || null,
    sourceName: source?.name ?? null,
    sourcePresetKey: source?.presetKey ?? null,
    campaignName: (lead.campaignId && names.campaigns.get(lead.campaignId)) || null,
  };
}

import type { TDbClient } from "@/server/db/types";

/** What the tracker replaces on the site's pages with a tracking number (docs/call-tracking.md §3). */
export type TSitePhones = { targets: string[]; selector: string | null };

/** What `/api/track` and `/api/track/number` need to know about the site a hit names. */
export type TTrackedSite = {
  id: string;
  tenantId: string;
  domain: string;
  widgetUrlPatterns: string[];
  captureContacts: boolean;
  /** Null when the site has nothing to substitute or no tracking number could be shown on it. */
  phones: TSitePhones | null;
  poolHoldMinutes: number;
};

/** The public key is the only way in; it is unique across workspaces, so no tenant is known yet. */
export async function findTrackedSiteByKey(
  db: TDbClient,
  publicKey: string,
): Promise<TTrackedSite | null> {
  const site = await db.site.findUnique({
    where: { publicKey },
    select: {
      id: true,
      tenantId: true,
      domain: true,
      widgetUrlPatterns: true,
      captureContacts: true,
      phoneTargets: true,
      phoneSelector: true,
      poolHoldMinutes: true,
    },
  });
  if (!site) return null;
  const { phoneTargets, phoneSelector, ...rest } = site;
  const hasSomethingToReplace = phoneTargets.length > 0 || phoneSelector !== null;
  // A static number may serve every site of the workspace; pool and fallback numbers serve one.
  const canShowNumber =
    hasSomethingToReplace &&
    (await db.trackingNumber.count({
      where: {
        tenantId: site.tenantId,
        OR: [{ siteId: site.id }, { siteId: null, usage: "static" }],
      },
      take: 1,
    })) > 0;
  return {
    ...rest,
    phones: canShowNumber ? { targets: phoneTargets, selector: phoneSelector } : null,
  };
}

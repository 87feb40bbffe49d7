import type { TDbClient } from "@/server/db/types";

/** What `/api/track` needs to know about the site a hit names. */
export type TTrackedSite = {
  id: string;
  tenantId: string;
  domain: string;
  widgetUrlPatterns: string[];
  captureContacts: boolean;
};

/** The public key is the only way in; it is unique across workspaces, so no tenant is known yet. */
export const findTrackedSiteByKey = (
  db: TDbClient,
  publicKey: string,
): Promise<TTrackedSite | null> =>
  db.site.findUnique({
    where: { publicKey },
    select: {
      id: true,
      tenantId: true,
      domain: true,
      widgetUrlPatterns: true,
      captureContacts: true,
    },
  });

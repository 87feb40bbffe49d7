import type { Prisma, TrafficChannel } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import { TRAFFIC_SELECT } from "@/server/domain/lists/traffic-filters";

/** The traffic columns a credited call carries (docs/call-tracking.md §4). */
export const CALL_TRAFFIC_SELECT = {
  ...TRAFFIC_SELECT,
  trackingRule: true,
  trackingNumberId: true,
  sessionId: true,
  landingUrl: true,
  referrer: true,
  yclid: true,
  gclid: true,
  fbclid: true,
} as const satisfies Prisma.CallSelect;

type TCallTrafficRow = {
  [TKey in Exclude<keyof typeof CALL_TRAFFIC_SELECT, "trackingRule" | "channel">]: string | null;
} & {
  trackingRule: "dynamic_number" | "static_number" | "unidentified" | null;
  channel: TrafficChannel | null;
};

/**
 * Why an incoming call is credited where it is, for its drawer: the rule, the tracking number
 * dialled, and the site, source and campaign by name with the visit's data the call copied. Null
 * for a call not credited (outgoing, or before call tracking). Names are read within the tenant.
 */
export async function loadCallTraffic(db: TDbClient, tenantId: string, call: TCallTrafficRow) {
  const { trackingRule, trackingNumberId, ...visit } = call;
  const { siteId, sourceId, campaignId } = call;
  if (!trackingRule) return null;
  const [trackingNumber, site, source, campaign] = await Promise.all([
    trackingNumberId
      ? db.trackingNumber.findFirst({
          where: { id: trackingNumberId, tenantId },
          select: { phone: true },
        })
      : null,
    siteId ? db.site.findFirst({ where: { id: siteId, tenantId }, select: { name: true } }) : null,
    sourceId
      ? db.source.findFirst({
          where: { id: sourceId, tenantId },
          select: { name: true, presetKey: true },
        })
      : null,
    campaignId
      ? db.adCampaign.findFirst({ where: { id: campaignId, tenantId }, select: { name: true } })
      : null,
  ]);
  return {
    ...visit,
    rule: trackingRule,
    trackingNumber: trackingNumber?.phone ?? null,
    siteName: site?.name ?? null,
    sourceName: source?.name ?? null,
    sourcePresetKey: source?.presetKey ?? null,
    campaignName: campaign?.name ?? null,
  };
}

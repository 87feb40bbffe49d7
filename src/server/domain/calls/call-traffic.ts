import type { Prisma, TrafficChannel } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import { TRAFFIC_SELECT } from "@/server/domain/lists/traffic-filters";
import {
  loadTrafficReferenceNames,
  withReferenceNames,
} from "@/server/domain/lists/traffic-reference-names";

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
  if (!trackingRule) return null;
  const [trackingNumber, names] = await Promise.all([
    trackingNumberId
      ? db.trackingNumber.findFirst({
          where: { id: trackingNumberId, tenantId },
          select: { phone: true },
        })
      : null,
    loadTrafficReferenceNames(db, { tenantId, rows: [visit] }),
  ]);
  return {
    ...withReferenceNames(visit, names),
    rule: trackingRule,
    trackingNumber: trackingNumber?.phone ?? null,
  };
}

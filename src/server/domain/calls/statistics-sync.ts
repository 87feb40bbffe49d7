import type { TDb } from "@/server/db/client";
import type { TCallEvent } from "@/server/domain/calls/call-event";
import { applyCallEvents } from "@/server/domain/calls/apply-call-events";

export type TImportStatisticsResult = { calls: number; created: number };

/**
 * One page of the provider's call statistics (backfill, nightly reconciliation), already turned
 * into `summary` events by the adapter: each call's rows go through the same upsert path as the
 * webhooks (docs/telephony-calls.md, "Statistics"), one call at a time, in the page's order.
 */
export async function importStatisticsPage(
  db: TDb,
  { tenantId, connectionId, events }: { tenantId: string; connectionId: string; events: TCallEvent[] },
): Promise<TImportStatisticsResult> {
  // Map.groupBy needs Node 21; the app runs on Node 20.
  const byCall = new Map<string, TCallEvent[]>();
  for (const event of events) byCall.set(event.providerCallId, [...(byCall.get(event.providerCallId) ?? []), event]);
  let created = 0;
  for (const callEvents of byCall.values()) {
    const result = await applyCallEvents(db, { tenantId, connectionId, deliveryId: null, events: callEvents });
    if (result.isNew) created += 1;
  }
  return { calls: byCall.size, created };
}

import type { TDb } from "@/server/db/client";
import { CALLBACK_STATUS_TOPIC } from "@/server/domain/telephony/place-callback";
import { publishRealtimeEvents } from "@/server/realtime/publish";

/** Mango's `command_id` of a click: `c2c_` + the `CallbackRequest` id (docs/telephony-mango.md §8). */
export const MANGO_COMMAND_PREFIX = "c2c_";

export const mangoCommandIdOf = (callbackRequestId: string) =>
  `${MANGO_COMMAND_PREFIX}${callbackRequestId}`;

/** Mango's success code in `result/callback`. */
const SUCCESS = 1000;

/**
 * Mango's `result/callback` (docs/telephony-mango.md §7.5): a result other than 1000 fails the
 * click's request, which then tells its member; success changes nothing, since the call's own
 * events move the button on. Only forward: a request the call's events already moved stays.
 */
export async function recordMangoCallbackResult(
  db: TDb,
  { tenantId, commandId, result }: { tenantId: string; commandId: string; result: number },
): Promise<void> {
  if (result === SUCCESS || !commandId.startsWith(MANGO_COMMAND_PREFIX)) return;
  const id = commandId.slice(MANGO_COMMAND_PREFIX.length);
  const row = await db.callbackRequest.findFirst({
    where: { id, tenantId, status: { in: ["requested", "ringing_agent"] } },
    select: { membershipId: true },
  });
  if (!row) return;
  await db.callbackRequest.updateMany({
    where: { id, tenantId, status: { in: ["requested", "ringing_agent"] } },
    data: { status: "failed", failureCode: "provider_unreachable" },
  });
  await publishRealtimeEvents(db, [
    { tenantId, membershipId: row.membershipId, topic: CALLBACK_STATUS_TOPIC, payload: { id } },
  ]);
}

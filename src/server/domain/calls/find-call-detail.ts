import type { TDbClient } from "@/server/db/types";
import { callEventKindOf, callLegsOf } from "@/server/domain/calls/call-timeline";
import { CALL_TRAFFIC_SELECT, loadCallTraffic } from "@/server/domain/calls/call-traffic";
import {
  CALL_LIST_SELECT,
  loadCallNames,
  loadMemberNames,
  withCallNames,
} from "@/server/domain/calls/find-calls";

/** A long call with many transfers still has a few dozen events; the cap only guards the drawer. */
const MAX_TIMELINE_EVENTS = 500;
/** The drawer lists the client's latest earlier calls; the client page has them all. */
const EARLIER_CALLS_SHOWN = 10;

/** The members answering on a connection's extensions, by extension, with the PBX's own names. */
async function loadExtensionNames(
  db: TDbClient,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
) {
  const extensions = await db.telephonyExtension.findMany({
    where: { tenantId, connectionId },
    select: { extension: true, name: true, membershipId: true },
  });
  const employeeNames = await loadMemberNames(db, {
    tenantId,
    membershipIds: extensions.flatMap(({ membershipId }) => (membershipId ? [membershipId] : [])),
  });
  return new Map(
    extensions.map((row) => [
      row.extension,
      {
        extensionName: row.name,
        employeeName: (row.membershipId && employeeNames.get(row.membershipId)) || null,
      },
    ]),
  );
}

/**
 * One call for the detail drawer: its row, its events in time order, the extensions it reached,
 * its client, the call that returned it when it was missed, the same phone's earlier calls, and
 * the traffic it is credited to.
 * Another tenant's id is simply not found.
 */
export async function findCallDetail(
  db: TDbClient,
  { tenantId, callId }: { tenantId: string; callId: string },
) {
  const call = await db.call.findFirst({
    where: { id: callId, tenantId },
    select: {
      ...CALL_LIST_SELECT,
      ...CALL_TRAFFIC_SELECT,
      connectionId: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!call) return null;
  const { connectionId, ...row } = call;
  const [events, extensionNames, client, earlier, names, traffic] = await Promise.all([
    db.callEvent.findMany({
      where: { tenantId, callId },
      orderBy: [{ at: "asc" }, { receivedAt: "asc" }],
      take: MAX_TIMELINE_EVENTS,
      select: { id: true, type: true, extension: true, at: true, payload: true },
    }),
    loadExtensionNames(db, { tenantId, connectionId }),
    call.clientId
      ? db.client.findFirst({
          where: { tenantId, id: call.clientId },
          select: { id: true, name: true, phone: true, email: true, klientiksClientId: true },
        })
      : null,
    call.clientPhone
      ? db.call.findMany({
          where: { tenantId, clientPhone: call.clientPhone, startedAt: { lt: call.startedAt } },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          take: EARLIER_CALLS_SHOWN,
          select: CALL_LIST_SELECT,
        })
      : [],
    loadCallNames(db, { tenantId, calls: [call] }),
    loadCallTraffic(db, tenantId, call),
  ]);
  const whoIs = (extension: string | null) =>
    extension ? extensionNames.get(extension) : undefined;
  const earlierNames = await loadCallNames(db, { tenantId, calls: earlier });
  return {
    ...withCallNames(row, names),
    events: events.map((event) => ({
      ...event,
      kind: callEventKindOf(event.type, event.payload),
      employeeName: whoIs(event.extension)?.employeeName ?? null,
      payload: event.payload as Record<string, unknown>,
    })),
    legs: callLegsOf(events).map((leg) => ({
      ...leg,
      extensionName: whoIs(leg.extension)?.extensionName ?? null,
      employeeName: whoIs(leg.extension)?.employeeName ?? null,
    })),
    client,
    traffic,
    earlierCalls: earlier.map((earlierCall) => withCallNames(earlierCall, earlierNames)),
  };
}

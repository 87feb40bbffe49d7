import type { TDb } from "@/server/db/client";
import { reattributeDealsAfterCommunication } from "@/server/domain/analytics/reattribute-after-communication";
import { applyCallEvents } from "@/server/domain/calls/apply-call-events";
import { publishCallCard } from "@/server/domain/calls/call-card";
import type { TCallEvent } from "@/server/domain/calls/call-event";
import { lookUpClientInKlientiks } from "@/server/domain/clients/klientiks-lookup";
import type { TClaimedDelivery } from "@/server/domain/inbox/claims";
import { asDeliveryFailure, DeliveryFailure } from "@/server/domain/inbox/delivery-failure";
import type { TDeliveryProcessor } from "@/server/domain/inbox/process-claimed";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { recordMangoCallbackResult } from "@/server/domain/telephony/callback-result";
import { pbxTimeZoneOf } from "@/server/domain/telephony/settings";
import {
  MANGO_STATS_FIELDS,
  mangoStatsRowToEvent,
  parseMangoEvent,
  parseMangoStatsCsv,
  type TMangoEventResult,
} from "@/server/integrations/mango";
import {
  parseZadarmaNotification,
  parseZadarmaStatisticsRow,
  statisticsRowToEvent,
} from "@/server/integrations/zadarma";

type TMangoCallbackOutcome = Extract<TMangoEventResult, { kind: "callback_result" }>;

/** Klientiks: to look a new caller up, and for the call card's link to the client's card there. */
export type TTelephonyProcessingDeps = { klientiks: TKlientiksDeps };

type TTelephonyDeliveryRow = {
  eventType: string | null;
  connectionKind: string | null;
  query: unknown;
  receivedAt: Date;
  connectionStatus: string | null;
  settings: unknown;
};

const formOf = (query: unknown): Record<string, string> =>
  typeof query === "object" && query !== null && !Array.isArray(query)
    ? Object.fromEntries(
        Object.entries(query).flatMap(([key, value]) =>
          typeof value === "string" ? [[key, value]] : [],
        ),
      )
    : {};

/** A stored Mango event or statistics row (docs/telephony-mango.md §7, §10) as a call event or a click's outcome. */
function mangoEventOf(row: TTelephonyDeliveryRow): TCallEvent | TMangoCallbackOutcome | null {
  if (row.eventType === "statistics") {
    const { rows } = parseMangoStatsCsv(
      MANGO_STATS_FIELDS.map((field) => formOf(row.query)[field] ?? "").join(";"),
    );
    const [statsRow] = rows;
    if (!statsRow)
      throw new DeliveryFailure("invalid_event", { message: "statistics row: unusable" });
    return mangoStatsRowToEvent(statsRow);
  }
  const form = formOf(row.query);
  const parsed = parseMangoEvent(form.event ?? "", form.json ?? "", { receivedAt: row.receivedAt });
  if (parsed.kind === "ignored") return null;
  if (parsed.kind === "invalid")
    throw new DeliveryFailure("invalid_event", { message: `${parsed.field}: ${parsed.message}` });
  return parsed.kind === "event" ? parsed.event : parsed;
}

/** The stored notification or statistics row as a call event; null for an event we do not handle. */
function callEventOf(
  row: TTelephonyDeliveryRow,
  timeZone: string,
): TCallEvent | TMangoCallbackOutcome | null {
  if (row.connectionKind === "mango") return mangoEventOf(row);
  if (row.eventType === "statistics") {
    const read = parseZadarmaStatisticsRow(row.query);
    if ("field" in read)
      throw new DeliveryFailure("invalid_event", {
        message: `statistics row: ${read.field} is unusable`,
      });
    return statisticsRowToEvent(read.row, { timeZone });
  }
  const parsed = parseZadarmaNotification(formOf(row.query), {
    timeZone,
    receivedAt: row.receivedAt,
  });
  if (parsed.kind === "ignored") return null;
  if (parsed.kind === "invalid")
    throw new DeliveryFailure("invalid_event", { message: `${parsed.field}: ${parsed.message}` });
  return parsed.event;
}

/**
 * One telephony notification (or statistics row) from the inbox into its call
 * (docs/telephony-calls.md): read again from the stored form, in the account's time zone, folded
 * with the call's other events, and the call's card and live tables told. Everything it writes is idempotent, so a retry or a replay
 * changes nothing that a first run did not.
 */
export async function runTelephonyDelivery(
  db: TDb,
  deps: TTelephonyProcessingDeps,
  delivery: Pick<TClaimedDelivery, "id" | "tenantId" | "connectionId">,
): Promise<{ callId: string } | null> {
  const [row] = await db.$queryRaw<TTelephonyDeliveryRow[]>`
    SELECT d."eventType", d."query", d."receivedAt", c."kind"::text AS "connectionKind", c."status"::text AS "connectionStatus", c."settings"
    FROM "WebhookDelivery" AS d LEFT JOIN "Connection" AS c ON c."id" = d."connectionId" AND c."tenantId" = d."tenantId"
    WHERE d."id" = ${delivery.id} AND d."tenantId" = ${delivery.tenantId}`;
  if (!row) throw new DeliveryFailure("internal", { message: `delivery ${delivery.id} not found` });
  if (!row.connectionStatus || row.connectionStatus === "inactive")
    throw new DeliveryFailure("connection_inactive");

  const event = callEventOf(row, pbxTimeZoneOf(row.settings));
  if (!event) return null;
  if ("commandId" in event) {
    await recordMangoCallbackResult(db, { tenantId: delivery.tenantId, ...event });
    return null;
  }
  const applied = await applyCallEvents(db, {
    tenantId: delivery.tenantId,
    connectionId: delivery.connectionId,
    deliveryId: delivery.id,
    events: [event],
  });
  const card = {
    tenantId: delivery.tenantId,
    callId: applied.callId,
    klientiksBaseUrl: deps.klientiks.api.baseUrl,
  };
  await publishCallCard(db, card);
  // An incoming call counts for the client's later deals (docs/deal-attribution.md §11); every event
  // re-checks, since the call's client and start may change as events fold. Usually no deal is found.
  if (applied.clientId)
    await reattributeDealsAfterCommunication(db, {
      tenantId: delivery.tenantId,
      kind: "call",
      id: applied.callId,
    });
  if (applied.isNew && applied.clientId)
    await lookUpNewCaller(db, deps, { ...card, clientId: applied.clientId });
  return { callId: applied.callId };
}

/**
 * A new call's caller is looked up in Klientiks right after the card went out (at most once a day
 * per phone, within the Klientiks throttle: docs/clients.md); when found, the card is sent again
 * with the name. A failure here is not the delivery's: the lookup worker tries again later.
 */
async function lookUpNewCaller(
  db: TDb,
  deps: TTelephonyProcessingDeps,
  card: { tenantId: string; callId: string; clientId: string; klientiksBaseUrl: string },
) {
  const result = await lookUpClientInKlientiks(db, deps.klientiks, {
    tenantId: card.tenantId,
    clientId: card.clientId,
  }).catch(() => null);
  if (result?.outcome === "found") await publishCallCard(db, card);
}

/** The inbox processor of telephony rows, for the in-process worker (docs/inbox-worker.md). */
export const telephonyDeliveryProcessor = (
  db: TDb,
  deps: TTelephonyProcessingDeps,
): TDeliveryProcessor => ({
  run: (delivery) => runTelephonyDelivery(db, deps, delivery),
  classify: asDeliveryFailure,
});

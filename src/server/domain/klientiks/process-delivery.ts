import type { Prisma } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";
import { reattributeDealsAfterCommunication } from "@/server/domain/analytics/reattribute-after-communication";
import { recomputeDealAttribution } from "@/server/domain/analytics/recompute-attribution";
import {
  mapAppointmentToDeal,
  referenceIdsOf,
} from "@/server/domain/deals/map-appointment-to-deal";
import {
  flagDealMissingInSource,
  upsertDeal,
  type TStatusReport,
  type TUpsertDealResult,
} from "@/server/domain/deals/upsert-deal";
import { DeliveryFailure } from "@/server/domain/inbox/delivery-failure";
import {
  createKlientiksApi,
  decryptKlientiksCredentials,
} from "@/server/domain/klientiks/credentials";
import { isCredentialFailure, toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { resolveReferenceNames } from "@/server/domain/klientiks/reference-cache";
import {
  parseKlientiksSettings,
  type TKlientiksSettings,
} from "@/server/domain/klientiks/settings";
import {
  linkLeadToDeal,
  upsertLeadFromAppointment,
  type TUpsertLeadResult,
} from "@/server/domain/leads/upsert-lead";
import {
  createKlientiksNormalizer,
  type TKlientiksAppointment,
} from "@/server/integrations/klientiks";

export type TDeliveryRef = { tenantId: string; deliveryId: string };

/*
 * The per-delivery reads and bookkeeping writes of the deals path are raw SQL on purpose: with
 * Prisma 6's query compiler every ORM call costs 1-2 ms of event-loop CPU (a relation select about
 * twice that, inside a transaction), and the in-process worker shares its process with the webhook
 * receiver. `npm run bench:ingest` measures it.
 */

type TDeliveryRow = {
  id: string;
  connectionId: string;
  appointmentId: string | null;
  status: string;
  purpose: string;
  connectionStatus: string | null;
  settings: unknown;
};

/** Step 1: the delivery and its connection; stops early when the connection cannot be used (R19). */
export async function loadDelivery(db: TDb, { tenantId, deliveryId }: TDeliveryRef) {
  const [delivery] = await db.$queryRaw<TDeliveryRow[]>`
    SELECT d."id", d."connectionId", d."appointmentId", d."status"::text AS "status", d."purpose"::text AS "purpose", c."status"::text AS "connectionStatus", c."settings"
    FROM "WebhookDelivery" AS d LEFT JOIN "Connection" AS c ON c."id" = d."connectionId" AND c."tenantId" = d."tenantId"
    WHERE d."id" = ${deliveryId} AND d."tenantId" = ${tenantId}`;
  if (!delivery?.appointmentId)
    throw new DeliveryFailure("internal", {
      message: `delivery ${deliveryId} not found or without appointment id`,
    });
  const connection = { status: delivery.connectionStatus, settings: delivery.settings };
  if (!connection.status || connection.status === "inactive")
    throw new DeliveryFailure("connection_inactive");
  // A connection whose credentials were refused is not called again until they are fixed.
  if (connection.status === "needs_attention")
    throw new DeliveryFailure("connection_needs_attention");
  const base = {
    deliveryId: delivery.id,
    connectionId: delivery.connectionId,
    appointmentId: delivery.appointmentId,
  };
  if (delivery.status === "processed") return { ...base, isDone: true };
  // With «Передача сделок» off the delivery is kept for the log but costs no API call.
  if (
    delivery.purpose === "deals" &&
    !parseKlientiksSettings(connection.settings).deals.isEnabled
  ) {
    await db.webhookDelivery.update({
      where: { id: delivery.id, tenantId },
      data: {
        status: "processed",
        processedAt: new Date(),
        errorCode: "deals_transfer_off",
        lockedUntil: null,
      },
    });
    return { ...base, isDone: true };
  }
  // Likewise for the widget integration while leads are off (issue 4 §3).
  if (
    delivery.purpose === "widget" &&
    !parseKlientiksSettings(connection.settings).leads.isEnabled
  ) {
    await db.webhookDelivery.update({
      where: { id: delivery.id, tenantId },
      data: {
        status: "processed",
        processedAt: new Date(),
        errorCode: "leads_transfer_off",
        lockedUntil: null,
      },
    });
    return { ...base, isDone: true };
  }
  return { ...base, isDone: false };
}

async function loadConnectionForCall(db: TDb, tenantId: string, connectionId: string) {
  const [connection] = await db.$queryRaw<
    { id: string; tenantId: string; credentials: string; settings: unknown; currency: string }[]
  >`
    SELECT c."id", c."tenantId", c."credentials", c."settings", t."currency" FROM "Connection" AS c JOIN "Tenant" AS t ON t."id" = c."tenantId"
    WHERE c."id" = ${connectionId} AND c."tenantId" = ${tenantId}`;
  if (!connection)
    throw new DeliveryFailure("internal", {
      message: `connection ${connectionId} not found`,
      isRetriable: true,
    });
  return {
    connection,
    settings: parseKlientiksSettings(connection.settings),
    currency: connection.currency,
  };
}

/** Refused credentials stop the line for the whole connection and surface a banner (R19). */
async function recordCredentialFailure(
  db: TDb,
  tenantId: string,
  connectionId: string,
  failure: DeliveryFailure,
) {
  if (!isCredentialFailure(failure)) return;
  await db.connection.updateMany({
    where: { id: connectionId, tenantId },
    data: { status: "needs_attention", lastError: failure.code, lastErrorAt: new Date() },
  });
}

/** Step 2: the current state of the appointment, always re-fetched (klientiks-contract §12.4). */
export async function fetchAppointment(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; connectionId: string; appointmentId: string },
): Promise<Record<string, unknown>> {
  const { connection, settings } = await loadConnectionForCall(
    db,
    options.tenantId,
    options.connectionId,
  );
  try {
    const api = createKlientiksApi(deps, settings.accountTimezone);
    const appointment = await api.getAppointment(
      decryptKlientiksCredentials(deps.keyring, connection),
      Number(options.appointmentId),
    );
    return appointment.raw;
  } catch (error) {
    const failure = toDeliveryFailure(error);
    await recordCredentialFailure(db, options.tenantId, options.connectionId, failure);
    if (failure.code === "appointment_not_found")
      await flagDealMissingInSource(db, {
        tenantId: options.tenantId,
        externalId: options.appointmentId,
      });
    throw failure;
  }
}

type TReportingDelivery = {
  purpose: string;
  source: string;
  statusHint: string | null;
  receivedAt: Date;
};

/**
 * The status this delivery reports for the stage history, and when (docs/deal-stage-history.md): a
 * webhook (or its replay) reports the status it carried when it arrived, or what was fetched when
 * it carried none; reconciliation and backfill report what was fetched, as of its modification time.
 */
export function statusReportOf(
  delivery: Pick<TReportingDelivery, "source" | "statusHint" | "receivedAt"> | undefined,
  fetched: { status: string; modifiedAt: Date | null },
): TStatusReport {
  const isWebhook = delivery?.source === "webhook" || delivery?.source === "replay";
  if (isWebhook)
    return {
      status: delivery.statusHint || fetched.status,
      at: delivery.receivedAt,
      kind: "webhook",
    };
  return {
    status: fetched.status,
    at: fetched.modifiedAt ?? delivery?.receivedAt ?? new Date(),
    kind: "fetched",
  };
}

export type TApplyAppointmentResult =
  ({ kind: "deal" } & TUpsertDealResult) | ({ kind: "lead" } & TUpsertLeadResult);

/** A widget-integration delivery becomes a lead (klientiks-contract §12.6 step 4); the deal comes from the deals URL. */
async function applyWidgetBooking(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string;
    deliveryId: string;
    appointment: TKlientiksAppointment;
    settings: TKlientiksSettings;
  },
) {
  const { tenantId, connectionId, deliveryId } = options;
  const result = await upsertLeadFromAppointment(db, {
    tenantId,
    connectionId,
    appointment: options.appointment,
    settings: options.settings,
  });
  // The booking may be credited with its own deal and the client's later ones (deal-attribution §11).
  await reattributeDealsAfterCommunication(db, {
    tenantId,
    kind: "widget_lead",
    id: result.leadId,
  });
  const now = new Date();
  await db.webhookDelivery.updateMany({
    where: { id: deliveryId, tenantId },
    data: {
      status: "processed",
      processedAt: now,
      errorCode: null,
      error: null,
      lockedUntil: null,
    },
  });
  await db.connection.updateMany({
    where: { id: connectionId, tenantId },
    data: { lastSyncAt: now },
  });
  return { kind: "lead" as const, ...result };
}

/**
 * Step 3: for the deals integration (and reconciliation/backfill, which have no widget delivery),
 * names from the cache, mapping, upsert and stage history; for the widget integration, the lead.
 * Marks the delivery processed.
 */
export async function applyAppointment(
  db: TDb,
  deps: TKlientiksDeps,
  options: {
    tenantId: string;
    connectionId: string;
    deliveryId: string | null;
    rawAppointment: Record<string, unknown>;
  },
): Promise<TApplyAppointmentResult> {
  const { tenantId, connectionId, deliveryId } = options;
  const { connection, settings, currency } = await loadConnectionForCall(
    db,
    tenantId,
    connectionId,
  );
  const appointment = createKlientiksNormalizer({
    timeZone: settings.accountTimezone,
    onWarning: () => undefined,
  }).toAppointment(options.rawAppointment);
  if (!appointment)
    throw new DeliveryFailure("klientiks_bad_response", {
      message: "the appointment has no valid id",
    });
  const [delivery] = deliveryId
    ? await db.$queryRaw<
        TReportingDelivery[]
      >`SELECT "purpose"::text AS "purpose", "source"::text AS "source", "statusHint", "receivedAt" FROM "WebhookDelivery" WHERE "id" = ${deliveryId} AND "tenantId" = ${tenantId}`
    : [];
  if (deliveryId && delivery?.purpose === "widget")
    return applyWidgetBooking(db, { tenantId, connectionId, deliveryId, appointment, settings });

  const api = createKlientiksApi(deps, settings.accountTimezone);
  const credentials = () => decryptKlientiksCredentials(deps.keyring, connection);
  const references = await resolveReferenceNames(db, {
    tenantId,
    connectionId,
    ...referenceIdsOf([appointment], settings),
    fetchEmployees: () => api.listUsers(credentials()),
    fetchServices: () => api.listServices(credentials()),
  }).catch(async (error: unknown) => {
    const failure = toDeliveryFailure(error);
    await recordCredentialFailure(db, tenantId, connectionId, failure);
    throw failure;
  });

  const draft = mapAppointmentToDeal({ appointment, settings, references, currency });
  const report = statusReportOf(delivery, {
    status: draft.status,
    modifiedAt: draft.crmModifiedAt,
  });
  const result = await upsertDeal(db, {
    tenantId,
    connectionId,
    draft,
    raw: appointment.raw as Prisma.InputJsonValue,
    deliveryId,
    report,
  });
  // A lead of the same appointment that arrived first (through the widget URL) gets its deal now.
  await linkLeadToDeal(db, { tenantId, externalId: draft.externalId, dealId: result.dealId });
  // Its credited communication and traffic fields, now that the deal and its own booking are linked
  // (docs/deal-attribution.md §11). A stale delivery may still have linked the booking.
  if (result.dealId) await recomputeDealAttribution(db, { tenantId, dealIds: [result.dealId] });
  const now = new Date();
  if (deliveryId) {
    await db.$executeRaw`UPDATE "WebhookDelivery" SET "status" = 'processed', "processedAt" = ${now}::timestamptz, "dealId" = ${result.dealId}, "errorCode" = NULL, "error" = NULL, "lockedUntil" = NULL
      WHERE "id" = ${deliveryId} AND "tenantId" = ${tenantId}`;
  }
  // "updatedAt" as Prisma's @updatedAt would set it.
  await db.$executeRaw`UPDATE "Connection" SET "lastSyncAt" = ${now}::timestamptz, "updatedAt" = ${now}::timestamptz WHERE "id" = ${connectionId} AND "tenantId" = ${tenantId}`;
  return { kind: "deal", ...result };
}

/**
 * Steps 2 and 3 as one unit: the fetched appointment carries the client's name, phone and e-mail,
 * and a job runner that records each step's result (Inngest) must never hold it, so it does not
 * leave this call. Only ids and outcomes come back.
 */
export async function fetchAndApplyAppointment(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; connectionId: string; deliveryId: string; appointmentId: string },
): Promise<TApplyAppointmentResult> {
  const { tenantId, connectionId, deliveryId, appointmentId } = options;
  const rawAppointment = await fetchAppointment(db, deps, {
    tenantId,
    connectionId,
    appointmentId,
  });
  return applyAppointment(db, deps, { tenantId, connectionId, deliveryId, rawAppointment });
}

/** Runs the steps in order; the in-process driver's unit of work (Inngest runs them as steps). */
export async function runKlientiksDelivery(
  db: TDb,
  deps: TKlientiksDeps,
  ref: TDeliveryRef,
): Promise<TApplyAppointmentResult | null> {
  const loaded = await loadDelivery(db, ref);
  if (loaded.isDone) return null;
  return fetchAndApplyAppointment(db, deps, {
    tenantId: ref.tenantId,
    connectionId: loaded.connectionId,
    deliveryId: ref.deliveryId,
    appointmentId: loaded.appointmentId,
  });
}

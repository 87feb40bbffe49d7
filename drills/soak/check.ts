import type { TSql } from "../../bench/lib/database";
import { log } from "../../bench/lib/stats";
import { checkStormCalls } from "../../bench/lib/storm-check";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import { checkDerivedState } from "./derived-state-check";
import type { TSalonExpectation } from "./expectations";
import { countRecordingsFetchedTwice } from "./recording-fetches";

export type TSoakVerdict = { lost: number; duplicated: number; failed: number };

const countOf = async (sql: TSql, query: string, values: unknown[]) =>
  Number((await sql.query<{ count: string }>(query, values)).rows[0]?.count ?? 0);

/** Acknowledged appointments without their deal, or whose deal lacks the appointment's latest status. */
async function findLostDeals(sql: TSql, salon: TSalonExpectation) {
  const { rows } = await sql.query<{ externalId: string; status: string }>(
    `SELECT "externalId", "status" FROM "Deal" WHERE "tenantId" = $1 AND "externalId" = ANY($2::text[])`,
    [salon.tenantId, salon.appointments.map(({ appointmentId }) => String(appointmentId))],
  );
  const statusOf = new Map(rows.map((row) => [row.externalId, row.status]));
  return salon.appointments.flatMap(({ appointmentId, status }) => {
    const stored = statusOf.get(String(appointmentId));
    if (stored === status) return [];
    return [
      `appointment ${appointmentId}: ${stored === undefined ? "no deal" : `deal says ${stored}, Klientiks ${status}`}`,
    ];
  });
}

/**
 * Doubled effects of the Klientiks path in these workspaces: two deals of one appointment, a
 * status report recorded twice for one delivery, and identical webhooks less than 10 s apart
 * stored as two inbox rows with nothing between them (docs/webhook-inbox.md: they are one).
 */
async function countDoubledDealEffects(sql: TSql, tenantIds: readonly string[]) {
  const deals = await countOf(
    sql,
    `SELECT count(*) FROM (SELECT 1 FROM "Deal" WHERE "tenantId" = ANY($1::text[]) GROUP BY "tenantId", "externalId" HAVING count(*) > 1) AS doubled`,
    [tenantIds],
  );
  const reports = await countOf(
    sql,
    `SELECT count(*) FROM (SELECT 1 FROM "DealStatusReport" WHERE "tenantId" = ANY($1::text[]) AND "deliveryId" IS NOT NULL
       GROUP BY "tenantId", "dealId", "deliveryId" HAVING count(*) > 1) AS doubled`,
    [tenantIds],
  );
  const webhooks = await countOf(
    sql,
    `SELECT count(*) FROM (
       SELECT "statusHint", "receivedAt",
         lag("statusHint") OVER "sameAppointment" AS "previousHint", lag("receivedAt") OVER "sameAppointment" AS "previousAt"
       FROM "WebhookDelivery"
       WHERE "tenantId" = ANY($1::text[]) AND "source" = 'webhook' AND "appointmentId" IS NOT NULL AND "status" <> 'rejected'
       WINDOW "sameAppointment" AS (PARTITION BY "tenantId", "endpointId", "appointmentId" ORDER BY "receivedAt", "id")) AS ordered
     WHERE "previousHint" = "statusHint" AND "receivedAt" - "previousAt" < interval '10 seconds'`,
    [tenantIds],
  );
  return { deals, reports, webhooks };
}

/**
 * The drill's verdict from the database after everything settled. Lost: an acknowledged event
 * whose deal or call is missing or not in its final state (the deal's status is the appointment's
 * latest, the call's columns are the PBX's, its events one per notification, its recording fetched
 * when it had one, and what calls and deals derive from each other and from clients is as one
 * writer alone would have left it). Duplicated: two rows or two effects of one event (deals, status reports, inbox
 * rows within the dedupe window, calls, call events, clients of one phone, recordings fetched
 * twice but for one fetch the SIGKILL at `killedAt` cut). Failed: inbox rows that ended `failed`.
 */
export async function checkSoak(
  sql: TSql,
  zadarma: ZadarmaControl,
  salons: readonly TSalonExpectation[],
  killedAt: number,
): Promise<TSoakVerdict> {
  const tenantIds = salons.map((salon) => salon.tenantId);
  let lost = 0;
  let duplicated = 0;
  const lostDeals: string[] = [];
  for (const salon of salons) {
    lostDeals.push(...(await findLostDeals(sql, salon)));
    const calls = await checkStormCalls(sql, {
      tenantId: salon.tenantId,
      calls: salon.calls,
      notifications: salon.notifications,
      isRecordingFetched: true,
    });
    lost += calls.missing + calls.mismatched;
    duplicated += calls.doubled + calls.unexpected;
  }
  lost += lostDeals.length;
  const derived = await checkDerivedState(sql, tenantIds);
  lost +=
    derived.wrongClient + derived.staleSearch + derived.wrongFirstCall + derived.wrongCallback;
  const doubledDeals = await countDoubledDealEffects(sql, tenantIds);
  const doubledClients = await countOf(
    sql,
    `SELECT count(*) FROM (SELECT 1 FROM "Client" WHERE "tenantId" = ANY($1::text[]) GROUP BY "tenantId", "phone" HAVING count(*) > 1) AS doubled`,
    [tenantIds],
  );
  duplicated +=
    doubledDeals.deals +
    doubledDeals.reports +
    doubledDeals.webhooks +
    doubledClients +
    (await countRecordingsFetchedTwice(zadarma, salons, killedAt));
  const { rows: failedRows } = await sql.query<{ errorCode: string | null; count: string }>(
    `SELECT "errorCode", count(*) FROM "WebhookDelivery" WHERE "tenantId" = ANY($1::text[]) AND "status" = 'failed' GROUP BY "errorCode"`,
    [tenantIds],
  );
  const failed = failedRows.reduce((sum, row) => sum + Number(row.count), 0);
  log(
    `deal check: ${salons.reduce((sum, salon) => sum + salon.appointments.length, 0)} acknowledged appointments, ${lostDeals.length} without their deal in its latest status` +
      (lostDeals.length > 0 ? ` (e.g. ${lostDeals.slice(0, 5).join("; ")})` : "") +
      `; doubled: ${doubledDeals.deals} deals, ${doubledDeals.reports} status reports, ${doubledDeals.webhooks} webhooks stored twice within 10 s, ${doubledClients} clients of one phone` +
      `; failed deliveries: ${failed}${failed > 0 ? ` (${failedRows.map((row) => `${row.count} ${row.errorCode}`).join(", ")})` : ""}`,
  );
  return { lost, duplicated, failed };
}

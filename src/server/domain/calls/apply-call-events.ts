import { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { isTargetTalkSql } from "@/server/domain/call-tracking/call-flags";
import { creditCall } from "@/server/domain/call-tracking/credit-call";
import type { TCallEvent } from "@/server/domain/calls/call-event";
import { callSearchTextOf } from "@/server/domain/calls/call-search-text";
import {
  foldCall,
  laterCallState,
  uniqueSortedEvents,
  type TCallState,
  type TFoldedCall,
  type TRecordingState,
} from "@/server/domain/calls/fold-call";
import { linkCallbackRequest, relinkPhoneHistory } from "@/server/domain/calls/phone-history";
import {
  callEventOfRow,
  storedPayloadOf,
  type TCallEventRow,
} from "@/server/domain/calls/stored-call-event";
import { isE164Phone, upsertClient } from "@/server/domain/clients/ensure-client";

/*
 * The upsert path of every call event, from webhooks and from statistics alike
 * (docs/telephony-calls.md, "Applying events"). Raw SQL on purpose: it runs once per webhook in
 * the process that also receives them, and Prisma 6's query compiler costs 1-2 ms of event-loop CPU
 * per ORM call (see the note in src/server/domain/klientiks/process-delivery.ts).
 */

export type TApplyCallEventsInput = {
  tenantId: string;
  connectionId: string;
  deliveryId: string | null;
  events: TCallEvent[];
};

export type TApplyCallEventsResult = {
  callId: string;
  isNew: boolean;
  previousState: TCallState | null;
  state: TCallState;
  previousRecordingState: TRecordingState | null;
  recordingState: TRecordingState;
  clientId: string | null;
};

type TStoredCall = {
  id: string;
  state: TCallState;
  direction: string;
  clientId: string | null;
  clientPhone: string | null;
  companyNumber: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  disposition: string | null;
  recordingState: TRecordingState;
  recordingAttempts: number;
  recordingDueAt: Date | null;
  callbackRequestId: string | null;
  isCredited: boolean;
};

/** The provider call id every event shares; throws when the list is empty or mixes calls. */
function providerCallIdOf(events: readonly TCallEvent[]): string {
  const ids = new Set(events.map((event) => event.providerCallId));
  const [providerCallId] = ids;
  if (providerCallId === undefined) throw new Error("applyCallEvents: no events");
  if (ids.size > 1)
    throw new Error(
      `applyCallEvents: the events belong to ${ids.size} calls (${[...ids].slice(0, 3).join(", ")}…); apply one call at a time`,
    );
  return providerCallId;
}

async function loadCall(
  tx: TDbClient,
  {
    tenantId,
    connectionId,
    providerCallId,
  }: { tenantId: string; connectionId: string; providerCallId: string },
) {
  // Without a call, the LEFT JOIN gives nulls in every call column.
  const [row] = await tx.$queryRaw<(Omit<TStoredCall, "id"> & { id: string | null })[]>`
    SELECT con."id" AS "connectionId", c."id", c."state"::text AS "state", c."direction"::text AS "direction", c."clientId", c."clientPhone", c."companyNumber", c."startedAt",
      c."answeredAt", c."trackingRule" IS NOT NULL AS "isCredited", c."disposition"::text AS "disposition", c."recordingState"::text AS "recordingState", c."recordingAttempts", c."recordingDueAt", c."callbackRequestId"
    FROM "Connection" AS con
    LEFT JOIN "Call" AS c ON c."connectionId" = con."id" AND c."providerCallId" = ${providerCallId} AND c."tenantId" = con."tenantId"
    WHERE con."id" = ${connectionId} AND con."tenantId" = ${tenantId}`;
  if (!row)
    throw new Error(`applyCallEvents: connection ${connectionId} not found in tenant ${tenantId}`);
  return row.id === null ? null : { ...row, id: row.id };
}

async function loadExtensionMembers(
  tx: TDbClient,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
) {
  const rows = await tx.$queryRaw<{ extension: string; membershipId: string }[]>`
    SELECT "extension", "membershipId" FROM "TelephonyExtension"
    WHERE "tenantId" = ${tenantId} AND "connectionId" = ${connectionId} AND "membershipId" IS NOT NULL`;
  return new Map(rows.map((row) => [row.extension, row.membershipId]));
}

async function loadStoredEvents(
  tx: TDbClient,
  {
    tenantId,
    callId,
    providerCallId,
  }: { tenantId: string; callId: string; providerCallId: string },
) {
  const rows = await tx.$queryRaw<TCallEventRow[]>`
    SELECT "eventKey", "type", "extension", "at", "payload" FROM "CallEvent" WHERE "tenantId" = ${tenantId} AND "callId" = ${callId}`;
  return rows.map((row) => callEventOfRow(row, providerCallId));
}

/**
 * When the recording is next asked for, while pending: what the events say until the fetcher has
 * tried; after that the fetcher's backoff, pulled forward only by a newly arrived announcement.
 */
function recordingDueAtOf(
  folded: TFoldedCall,
  existing: TStoredCall | null,
  isNewlyAnnounced: boolean,
  now: Date,
): Date | null {
  if (folded.recordingState !== "pending") return null;
  if (existing && existing.recordingAttempts > 0 && existing.recordingDueAt) {
    const announcedAt = folded.recordingAnnouncedAt;
    return isNewlyAnnounced && announcedAt && announcedAt < existing.recordingDueAt
      ? announcedAt
      : existing.recordingDueAt;
  }
  return folded.recordingDueAt ?? existing?.recordingDueAt ?? now;
}

type TCallRow = TFoldedCall & {
  id: string;
  tenantId: string;
  connectionId: string;
  providerCallId: string;
  clientId: string | null;
  searchText: string;
};

/**
 * Insert or update the call's derived columns; the fetcher's and the linkers' columns are left alone.
 * The recording's state and due time are the fold's and the fetcher's both, and the fetcher writes
 * them without the call's lock (recordings.ts): a `ready` or `unavailable` it stored after this fold
 * read the row stands, as the fold itself keeps them. Returns the recording state stored.
 */
async function writeCall(tx: TDbClient, call: TCallRow, now: Date): Promise<TRecordingState> {
  const [stored] = await tx.$queryRaw<{ recordingState: TRecordingState }[]>`
    INSERT INTO "Call" ("id", "tenantId", "connectionId", "providerCallId", "direction", "state", "clientPhone", "companyNumber", "extension", "membershipId",
      "clientId", "startedAt", "answeredAt", "endedAt", "waitSeconds", "talkSeconds", "disposition", "rawDisposition", "recordingState", "recordingRef",
      "recordingDueAt", "searchText", "isTargetCall", "updatedAt")
    VALUES (${call.id}, ${call.tenantId}, ${call.connectionId}, ${call.providerCallId}, ${call.direction}::"CallDirection", ${call.state}::"CallState",
      ${call.clientPhone}::text, ${call.companyNumber}::text, ${call.extension}::text, ${call.membershipId}::text, ${call.clientId}::text,
      ${call.startedAt}::timestamptz, ${call.answeredAt}::timestamptz, ${call.endedAt}::timestamptz, ${call.waitSeconds}::int, ${call.talkSeconds}::int,
      ${call.disposition}::"CallDisposition", ${call.rawDisposition}::text, ${call.recordingState}::"RecordingState", ${call.recordingRef}::text,
      ${call.recordingDueAt}::timestamptz, ${call.searchText},
      ${isTargetTalkSql(Prisma.sql`${call.talkSeconds}::int`, Prisma.sql`(SELECT "callTargetSeconds" FROM "Tenant" WHERE "id" = ${call.tenantId})`)}, ${now}::timestamptz)
    ON CONFLICT ("connectionId", "providerCallId") DO UPDATE SET
      "direction" = EXCLUDED."direction", "state" = EXCLUDED."state", "clientPhone" = EXCLUDED."clientPhone", "companyNumber" = EXCLUDED."companyNumber",
      "extension" = EXCLUDED."extension", "membershipId" = EXCLUDED."membershipId", "clientId" = EXCLUDED."clientId", "startedAt" = EXCLUDED."startedAt",
      "answeredAt" = EXCLUDED."answeredAt", "endedAt" = EXCLUDED."endedAt", "waitSeconds" = EXCLUDED."waitSeconds", "talkSeconds" = EXCLUDED."talkSeconds",
      "disposition" = EXCLUDED."disposition", "rawDisposition" = EXCLUDED."rawDisposition",
      "recordingState" = CASE WHEN "Call"."recordingState" IN ('ready', 'unavailable') THEN "Call"."recordingState" ELSE EXCLUDED."recordingState" END,
      "recordingRef" = EXCLUDED."recordingRef",
      "recordingDueAt" = CASE WHEN "Call"."recordingState" IN ('ready', 'unavailable') THEN NULL ELSE EXCLUDED."recordingDueAt" END,
      "searchText" = EXCLUDED."searchText", "isTargetCall" = EXCLUDED."isTargetCall", "updatedAt" = EXCLUDED."updatedAt"
    RETURNING "recordingState"::text AS "recordingState"`;
  if (!stored) throw new Error(`applyCallEvents: writing call ${call.id} returned nothing`);
  return stored.recordingState;
}

/** Stores the new events; an event key already stored under another call is a provider or adapter bug, refused. */
async function insertEvents(
  tx: TDbClient,
  {
    tenantId,
    callId,
    deliveryId,
    events,
  }: { tenantId: string; callId: string; deliveryId: string | null; events: readonly TCallEvent[] },
) {
  if (events.length === 0) return;
  const column = <T>(pick: (event: TCallEvent) => T) => events.map(pick);
  const inserted = await tx.$queryRaw<{ eventKey: string }[]>`
    INSERT INTO "CallEvent" ("id", "tenantId", "callId", "eventKey", "type", "extension", "at", "deliveryId", "payload")
    SELECT e."id", ${tenantId}, ${callId}, e."eventKey", e."type", e."extension", e."at"::timestamptz, ${deliveryId}::text, e."payload"::jsonb
    FROM unnest(${column(() => createId("cev"))}::text[], ${column((event) => event.eventKey)}::text[], ${column((event) => event.rawType)}::text[],
      ${column((event) => event.extension)}::text[], ${column((event) => event.at.toISOString())}::text[],
      ${column((event) => JSON.stringify(storedPayloadOf(event)))}::text[]) AS e("id", "eventKey", "type", "extension", "at", "payload")
    ON CONFLICT ("tenantId", "eventKey") DO NOTHING
    RETURNING "eventKey"`;
  if (inserted.length < events.length) {
    const stored = new Set(inserted.map((row) => row.eventKey));
    const taken = events.find((event) => !stored.has(event.eventKey));
    throw new Error(
      `applyCallEvents: event key ${taken?.eventKey ?? "?"} is already stored for another call`,
    );
  }
}

/**
 * Applies events of one provider call: stores the new ones, refolds the call from all its events
 * and upserts the `Call`, then links its client, first-call flag, missed-call callbacks and
 * click-to-call request. Idempotent: applying the same events again changes nothing but `updatedAt`.
 * Serialized per call by an advisory lock, so concurrent deliveries of one call fold in turn.
 */
export async function applyCallEvents(
  db: TDb,
  input: TApplyCallEventsInput,
): Promise<TApplyCallEventsResult> {
  const { tenantId, connectionId, deliveryId } = input;
  const providerCallId = providerCallIdOf(input.events);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`call:${connectionId}:${providerCallId}`}, 0))`;
    const existing = await loadCall(tx, { tenantId, connectionId, providerCallId });
    const extensionMembers = await loadExtensionMembers(tx, { tenantId, connectionId });
    const stored = existing
      ? await loadStoredEvents(tx, { tenantId, callId: existing.id, providerCallId })
      : [];
    // A stored event wins over a repeat of it with other contents: the call folds what is kept.
    const storedKeys = new Set(stored.map((event) => event.eventKey));
    const fresh = uniqueSortedEvents(input.events).filter(
      (event) => !storedKeys.has(event.eventKey),
    );
    const folded = foldCall([...stored, ...fresh], {
      extensionMembers,
      recordingState: existing?.recordingState,
    });
    const state = existing ? laterCallState(existing.state, folded.state) : folded.state;

    const clientPhone = isE164Phone(folded.clientPhone) ? folded.clientPhone : null;
    const client = clientPhone ? await upsertClient(tx, { tenantId, phone: clientPhone }) : null;
    const now = new Date();
    const callId = existing?.id ?? createId("call");
    const call: TCallRow = {
      ...folded,
      state,
      id: callId,
      tenantId,
      connectionId,
      providerCallId,
      clientId: client?.clientId ?? null,
      recordingDueAt: recordingDueAtOf(
        folded,
        existing,
        fresh.some((event) => event.kind === "recording_ready"),
        now,
      ),
      searchText: callSearchTextOf({
        clientName: client?.name ?? null,
        clientPhone: folded.clientPhone,
      }),
    };
    const recordingState = await writeCall(tx, call, now);
    await insertEvents(tx, { tenantId, callId, deliveryId, events: fresh });

    // What the first-call flag and the callbacks depend on.
    const isHistoryChanged =
      !existing ||
      existing.clientPhone !== call.clientPhone ||
      existing.state !== call.state ||
      existing.direction !== call.direction ||
      existing.disposition !== call.disposition ||
      existing.startedAt.getTime() !== call.startedAt.getTime() ||
      existing.answeredAt?.getTime() !== call.answeredAt?.getTime();
    const isCreditChanged =
      !existing?.isCredited ||
      existing.direction !== call.direction ||
      existing.companyNumber !== call.companyNumber ||
      existing.startedAt.getTime() !== call.startedAt.getTime();
    if (isCreditChanged) await creditCall(tx, call);
    if (clientPhone && isHistoryChanged)
      await relinkPhoneHistory(tx, { tenantId, phone: clientPhone, around: call.startedAt });
    if (
      call.direction === "outgoing" &&
      call.extension &&
      clientPhone &&
      !existing?.callbackRequestId
    ) {
      await linkCallbackRequest(tx, {
        tenantId,
        connectionId,
        callId,
        extension: call.extension,
        toPhone: clientPhone,
        startedAt: call.startedAt,
      });
    }
    return {
      callId,
      isNew: !existing,
      previousState: existing?.state ?? null,
      state,
      previousRecordingState: existing?.recordingState ?? null,
      recordingState,
      clientId: call.clientId,
    };
  });
}

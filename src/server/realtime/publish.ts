import { Prisma } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";
import { emitCommittedEvents } from "@/server/realtime/local-bus";
import { pruneRealtimeEventsNowAndThen } from "@/server/realtime/prune";
import {
  REALTIME_CHANNEL,
  toRealtimeEvent,
  type TRealtimeEvent,
  type TRealtimeEventInput,
} from "@/server/realtime/realtime-event";

type TInsertedRow = {
  id: string;
  tenantId: string;
  membershipId: string | null;
  topic: string;
  payload: unknown;
  createdAt: Date;
};

/**
 * Stores live events and wakes every subscribed process. The insert and `pg_notify` are one
 * statement, so they commit together: PostgreSQL delivers a notification only at commit, and a
 * listener that wakes always finds the row. Pass the client, not a transaction handle: the events
 * are announced to this process's hub as soon as the statement returns, which must be after commit.
 */
export async function publishRealtimeEvents(
  db: TDb,
  events: readonly TRealtimeEventInput[],
): Promise<TRealtimeEvent[]> {
  if (events.length === 0) return [];
  const rows = await db.$queryRaw<TInsertedRow[]>(Prisma.sql`
    WITH inserted AS (
      INSERT INTO "RealtimeEvent" ("tenantId", "membershipId", "topic", "payload")
      SELECT * FROM unnest(
        ${events.map((event) => event.tenantId)}::text[],
        ${events.map((event) => event.membershipId)}::text[],
        ${events.map((event) => event.topic)}::text[],
        ${events.map((event) => JSON.stringify(event.payload))}::text[]::jsonb[]
      )
      RETURNING "id", "tenantId", "membershipId", "topic", "payload", "createdAt"
    )
    SELECT "id"::text AS "id", "tenantId", "membershipId", "topic", "payload", "createdAt",
           pg_notify(${REALTIME_CHANNEL}, "tenantId" || ':' || "id"::text)::text AS "notified"
    FROM inserted ORDER BY inserted."id"`);
  const published = rows.map(toRealtimeEvent);
  emitCommittedEvents(published);
  pruneRealtimeEventsNowAndThen(db);
  return published;
}

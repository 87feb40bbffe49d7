/**
 * A live event as it travels from the `RealtimeEvent` table to a browser (docs/realtime.md).
 * Ids are PostgreSQL bigints: they travel as decimal strings, never as JS numbers.
 */
export type TRealtimeEvent = {
  id: string;
  tenantId: string;
  /** Null: every member of the workspace; else only this member. */
  membershipId: string | null;
  topic: string;
  payload: unknown;
  createdAt: string;
};

/** The channel every process LISTENs on; a notification's payload is `{tenantId}:{id}` (docs/realtime.md). */
export const REALTIME_CHANNEL = "svyaz_realtime";

/** What a publisher hands in: the row minus what the database assigns. */
export type TRealtimeEventInput = {
  tenantId: string;
  membershipId: string | null;
  topic: string;
  payload: object;
};

/** Who is listening: a verified membership of one workspace. */
export type TRealtimeAudience = { tenantId: string; membershipId: string };

/** The isolation rule (docs/realtime.md): the workspace's own events, for everyone or for this member. */
export const isVisibleTo = (
  event: Pick<TRealtimeEvent, "tenantId" | "membershipId">,
  audience: TRealtimeAudience,
): boolean =>
  event.tenantId === audience.tenantId &&
  (event.membershipId === null || event.membershipId === audience.membershipId);

const EVENT_ID = /^[1-9][0-9]{0,18}$/;

/**
 * A `Last-Event-ID` (or `?lastEventId=`) as a bigint: null when absent or empty, `undefined` when
 * malformed (a browser only sends back ids we gave it, so that is a forged or mangled value).
 */
export function parseLastEventId(value: string | null | undefined): bigint | null | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  if (!EVENT_ID.test(text)) return undefined;
  const id = BigInt(text);
  return id <= 9_223_372_036_854_775_807n ? id : undefined;
}

/** A row as Prisma or `pg` return it, with the id and time made transportable. */
export const toRealtimeEvent = (row: {
  id: bigint | string;
  tenantId: string;
  membershipId: string | null;
  topic: string;
  payload: unknown;
  createdAt: Date | string;
}): TRealtimeEvent => ({
  id: String(row.id),
  tenantId: row.tenantId,
  membershipId: row.membershipId,
  topic: row.topic,
  payload: row.payload,
  createdAt: new Date(row.createdAt).toISOString(),
});

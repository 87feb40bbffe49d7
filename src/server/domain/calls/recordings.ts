import type { TDbClient } from "@/server/db/types";

/**
 * Whether a call's recording can be had (docs/telephony-calls.md, "Recordings"). A pending
 * recording is asked for when due: a link from the provider makes it `ready`; failures are retried
 * with backoff until 10 minutes after the call's end and at least seven tries, then it is
 * `unavailable`. The link itself is never stored (reliability R22): playback asks for a fresh one
 * each time.
 */

/** What the fetcher needs from the provider's adapter. */
export type TRecordingPort = {
  requestRecordingLink: (
    connection: { tenantId: string; connectionId: string },
    call: { recordingRef?: string; providerCallId: string },
  ) => Promise<{ links: string[] }>;
};

/** Waits before the next try, by tries made so far; the last one repeats. */
export const RECORDING_RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 120_000] as const;
/** No more tries once the next one would start later than this after the call's end… */
export const RECORDING_GIVE_UP_AFTER_END_MS = 10 * 60_000;
/**
 * …and this many have been made: a recording first asked for late (the calls' inbox behind after
 * an outage) still gets as many tries as one asked for on time, for a failed request says nothing
 * about the recording.
 */
export const RECORDING_TRIES_BEFORE_GIVING_UP = 7;

export type TDueRecording = { tenantId: string; callId: string };

/**
 * Calls of every workspace whose pending recording is due at `now`, the longest waiting first. A
 * connection that needs attention has dead credentials (R19): its calls wait, asking nobody, until
 * working ones are saved.
 */
export const findDueRecordings = (
  db: TDbClient,
  { limit, now }: { limit: number; now: Date },
): Promise<TDueRecording[]> =>
  db.$queryRaw<TDueRecording[]>`
    SELECT "tenantId", "id" AS "callId" FROM "Call"
    WHERE "recordingState" = 'pending' AND "recordingDueAt" <= ${now}::timestamptz
      AND NOT EXISTS (
        SELECT 1 FROM "Connection"
        WHERE "Connection"."id" = "Call"."connectionId" AND "Connection"."status" = 'needs_attention'
      )
    ORDER BY "recordingDueAt", "id" LIMIT ${limit}::int`;

export type TFetchRecordingResult =
  | { outcome: "ready" }
  | { outcome: "retry"; dueAt: Date; error: string }
  | { outcome: "unavailable"; error: string }
  /** Not pending (already fetched, given up, or not recorded), or not this tenant's. */
  | { outcome: "skipped" };

type TPendingCall = {
  connectionId: string;
  providerCallId: string;
  recordingRef: string | null;
  recordingAttempts: number;
  endedAt: Date | null;
  startedAt: Date;
};

/** When to try again after `attempts` tries, or null when it is time to give up. */
export function nextRecordingTry(
  call: { attempts: number; endedAt: Date | null; startedAt: Date },
  now: Date,
): Date | null {
  const delays = RECORDING_RETRY_DELAYS_MS;
  const delay = delays[Math.min(Math.max(call.attempts, 1), delays.length) - 1] ?? delays[0];
  const next = new Date(now.getTime() + delay);
  const giveUpAt = (call.endedAt ?? call.startedAt).getTime() + RECORDING_GIVE_UP_AFTER_END_MS;
  return next.getTime() > giveUpAt && call.attempts >= RECORDING_TRIES_BEFORE_GIVING_UP
    ? null
    : next;
}

const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * One try at a pending recording: asks the provider for a link (by the recording id when known,
 * else by the provider's call id) and records the outcome. A concurrent try of the same call is
 * harmless: each write applies only while the recording is still pending.
 */
export async function fetchCallRecording(
  db: TDbClient,
  port: TRecordingPort,
  { tenantId, callId, now = new Date() }: { tenantId: string; callId: string; now?: Date },
): Promise<TFetchRecordingResult> {
  const [call] = await db.$queryRaw<TPendingCall[]>`
    SELECT "connectionId", "providerCallId", "recordingRef", "recordingAttempts", "endedAt", "startedAt" FROM "Call"
    WHERE "id" = ${callId} AND "tenantId" = ${tenantId} AND "recordingState" = 'pending'`;
  if (!call) return { outcome: "skipped" };

  let error: string;
  try {
    const lookup = {
      ...(call.recordingRef ? { recordingRef: call.recordingRef } : {}),
      providerCallId: call.providerCallId,
    };
    const { links } = await port.requestRecordingLink(
      { tenantId, connectionId: call.connectionId },
      lookup,
    );
    if (links.length > 0) {
      await db.$executeRaw`UPDATE "Call"
        SET "recordingState" = 'ready', "recordingDueAt" = NULL, "recordingAttempts" = "recordingAttempts" + 1, "updatedAt" = ${now}::timestamptz
        WHERE "id" = ${callId} AND "tenantId" = ${tenantId} AND "recordingState" = 'pending'`;
      return { outcome: "ready" };
    }
    error = "the provider has no recording for this call yet";
  } catch (caught) {
    error = messageOf(caught);
  }

  const attempts = call.recordingAttempts + 1;
  const dueAt = nextRecordingTry(
    { attempts, endedAt: call.endedAt, startedAt: call.startedAt },
    now,
  );
  await db.$executeRaw`UPDATE "Call" SET "recordingState" = ${dueAt ? "pending" : "unavailable"}::"RecordingState", "recordingDueAt" = ${dueAt}::timestamptz,
      "recordingAttempts" = ${attempts}::int, "updatedAt" = ${now}::timestamptz
    WHERE "id" = ${callId} AND "tenantId" = ${tenantId} AND "recordingState" = 'pending'`;
  return dueAt ? { outcome: "retry", dueAt, error } : { outcome: "unavailable", error };
}

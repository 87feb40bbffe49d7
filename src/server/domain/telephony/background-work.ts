import type { TDb } from "@/server/db/client";
import { CALLS_CHANGED_TOPIC } from "@/server/domain/calls/call-card";
import { fetchCallRecording, findDueRecordings } from "@/server/domain/calls/recordings";
import {
  findClientsToLookUp,
  lookUpClientInKlientiks,
} from "@/server/domain/clients/klientiks-lookup";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { createRecordingPort } from "@/server/domain/telephony/recording-port";
import { publishRealtimeEvents } from "@/server/realtime/publish";

const RECORDINGS_PER_ROUND = 20;
const LOOKUPS_PER_ROUND = 20;

/**
 * Asks for the recordings that are due (docs/telephony-calls.md, «Recordings»); a call whose
 * recording became ready or unavailable refreshes the calls tables. Returns how many were tried.
 */
export async function fetchDueRecordings(
  db: TDb,
  deps: Pick<TTelephonyDeps, "keyring" | "zadarma" | "mango">,
  now = new Date(),
): Promise<number> {
  const due = await findDueRecordings(db, { limit: RECORDINGS_PER_ROUND, now });
  const port = createRecordingPort(db, deps);
  const settled: { tenantId: string; callId: string }[] = [];
  for (const recording of due) {
    const result = await fetchCallRecording(db, port, { ...recording, now });
    if (result.outcome === "ready" || result.outcome === "unavailable") settled.push(recording);
  }
  if (settled.length > 0) {
    await publishRealtimeEvents(
      db,
      settled.map(({ tenantId, callId }) => ({
        tenantId,
        membershipId: null,
        topic: CALLS_CHANGED_TOPIC,
        payload: { callId },
      })),
    );
  }
  return due.length;
}

/** Callers not yet looked up in Klientiks (the processor asks for new calls at once; this heals the rest). */
export async function lookUpPendingClients(
  db: TDb,
  klientiks: TKlientiksDeps,
  now = new Date(),
): Promise<number> {
  const clients = await findClientsToLookUp(db, { limit: LOOKUPS_PER_ROUND, now });
  // One client's failure (Klientiks down, credentials refused) must not stop the others.
  for (const client of clients)
    await lookUpClientInKlientiks(db, klientiks, { ...client, now }).catch(() => undefined);
  return clients.length;
}

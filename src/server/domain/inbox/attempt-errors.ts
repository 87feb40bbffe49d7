import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";

/** How long failed attempts stay in a connection's error history. */
export const ATTEMPT_ERROR_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export type TAttemptError = {
  tenantId: string;
  connectionId: string;
  deliveryId: string;
  /** 1-based, per delivery; a replay counts from 1 again. */
  attempt: number;
  errorCode: string;
  /** Already redacted and short. */
  error: string;
  willRetry: boolean;
  at?: Date;
};

/**
 * Appends one failed attempt to the connection's error history, and drops what is older than the
 * retention on the way (errors are the rare path, so the history needs no sweeper of its own).
 */
export async function recordAttemptError(db: TDb, entry: TAttemptError): Promise<void> {
  const at = entry.at ?? new Date();
  await db.deliveryAttemptError.create({ data: { id: createId("dae"), ...entry, at } });
  await db.deliveryAttemptError.deleteMany({
    where: {
      tenantId: entry.tenantId,
      connectionId: entry.connectionId,
      at: { lt: new Date(at.getTime() - ATTEMPT_ERROR_RETENTION_MS) },
    },
  });
}

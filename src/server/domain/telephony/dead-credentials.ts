import type { TDbClient } from "@/server/db/types";
import { ZadarmaError } from "@/server/integrations/zadarma";

/** A connection's `lastError` when Zadarma refuses its credentials; the settings banner words it. */
export type TDeadCredentialsCode = "wrong_keys" | "account_blocked";

/** Whether a failed Zadarma call means the stored credentials no longer work, and how to say so. */
export function deadCredentialsCodeOf(error: unknown): TDeadCredentialsCode | null {
  if (!(error instanceof ZadarmaError)) return null;
  if (error.code === "wrong_keys") return "wrong_keys";
  return error.code === "blocked" ? "account_blocked" : null;
}

/**
 * Dead credentials stop the line (reliability R19): the connection needs attention, so imports and
 * recording fetches stop calling Zadarma with them until an admin saves working ones, and the
 * settings page says why. A switched-off connection stays off.
 */
export const stopOnDeadCredentials = (
  db: TDbClient,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
  code: TDeadCredentialsCode,
  now = new Date(),
) =>
  db.connection.updateMany({
    where: { id: connectionId, tenantId, kind: "zadarma", status: "active" },
    data: { status: "needs_attention", lastError: code, lastErrorAt: now },
  });

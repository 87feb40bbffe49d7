import type { TDbClient } from "@/server/db/types";
import type { TMangoCircuit } from "@/server/integrations/mango";

/**
 * Mango's lockout circuit kept on the connection row (`Connection.circuitOpenUntil`,
 * docs/telephony-mango.md §4): every app instance reads the same time, so after a 401 none of
 * them sends a request for that connection until it has passed. Opening only ever extends it.
 */
export const createDbMangoCircuit = (db: TDbClient): TMangoCircuit => ({
  async openUntil({ tenantId, connectionId }) {
    const row = await db.connection.findFirst({
      where: { id: connectionId, tenantId },
      select: { circuitOpenUntil: true },
    });
    return row?.circuitOpenUntil ?? null;
  },
  async open({ tenantId, connectionId }, until) {
    await db.connection.updateMany({
      where: {
        id: connectionId,
        tenantId,
        OR: [{ circuitOpenUntil: null }, { circuitOpenUntil: { lt: until } }],
      },
      data: { circuitOpenUntil: until },
    });
  },
});

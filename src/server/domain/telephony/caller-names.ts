import { createExpiringMap } from "@/lib/expiring-map";
import type { TDbClient } from "@/server/db/types";
import { parseTelephonySettings } from "@/server/domain/telephony/settings";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

/** Zadarma waits for the answer to NOTIFY_START before it rings; the name must never hold the call up. */
const LOOKUP_BUDGET_MS = 300;

export type TCallerNames = {
  /** The client's name for Zadarma to show on the agent's phone, when the connection opted in and we know the caller. */
  nameFor(endpoint: TWebhookEndpoint, callerPhone: string | null): Promise<string | null>;
};

/**
 * The opt-in `caller_name` answer to NOTIFY_START (docs/telephony-zadarma.md, «Steering the call»):
 * looked up only in our own client mirror, within 300 ms, never in Klientiks. Whether a connection
 * opted in is kept in this process for `ttlMs`.
 */
export function createCallerNames(options: {
  db: TDbClient;
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): TCallerNames {
  const optedIn = createExpiringMap<boolean>(options);

  const isOn = async (endpoint: TWebhookEndpoint): Promise<boolean> => {
    const cached = optedIn.get(endpoint.connectionId);
    if (cached !== undefined) return cached;
    const connection = await options.db.connection.findFirst({
      where: { id: endpoint.connectionId, tenantId: endpoint.tenantId },
      select: { settings: true },
    });
    const isOptedIn = parseTelephonySettings(connection?.settings).callerName;
    optedIn.set(endpoint.connectionId, isOptedIn);
    return isOptedIn;
  };

  const lookUp = async (endpoint: TWebhookEndpoint, phone: string): Promise<string | null> => {
    if (!(await isOn(endpoint))) return null;
    const client = await options.db.client.findUnique({
      where: { tenantId_phone: { tenantId: endpoint.tenantId, phone } },
      select: { name: true },
    });
    return client?.name?.trim() || null;
  };

  return {
    async nameFor(endpoint, callerPhone) {
      if (!callerPhone?.startsWith("+")) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const budget = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), LOOKUP_BUDGET_MS);
      });
      try {
        return await Promise.race([lookUp(endpoint, callerPhone).catch(() => null), budget]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

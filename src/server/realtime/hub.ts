import pg from "pg";

import type { TLogger } from "@/server/logging/logger";
import { onCommittedEvents } from "@/server/realtime/local-bus";
import {
  isVisibleTo,
  REALTIME_CHANNEL,
  toRealtimeEvent,
  type TRealtimeAudience,
  type TRealtimeEvent,
} from "@/server/realtime/realtime-event";

/**
 * `listen`: one dedicated PostgreSQL connection per process LISTENs and every process hears every
 * process's events (several app instances). `in_process`: events reach only this process's
 * subscribers, straight from the publisher (the embedded database, one instance). docs/realtime.md.
 */
export type TRealtimeTransport = "listen" | "in_process";

export type TRealtimeHubOptions = {
  transport: TRealtimeTransport;
  /** The database to LISTEN on (transport `listen`). */
  connectionString?: string;
  log: TLogger;
  /** First and longest wait before reconnecting the listener. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How far before the connection was lost a reconnect reads back, for events committed around then. */
  catchUpMarginMs?: number;
};

type TSubscriber = { audience: TRealtimeAudience; deliver: (event: TRealtimeEvent) => void };

const EVENT_COLUMNS = `"id"::text AS "id", "tenantId", "membershipId", "topic", "payload", "createdAt"`;
/** Ids delivered lately, so a catch-up after a reconnect does not deliver an event twice. */
const RECENT_IDS_KEPT = 5_000;
const CATCH_UP_LIMIT = 2_000;

/**
 * Fans committed live events out to this process's SSE streams, filtered by workspace and member
 * (isVisibleTo). With `listen`, notifications carry `{tenantId}:{id}`: rows are fetched only for
 * workspaces someone here is subscribed to, in one query per burst. A lost connection is retried
 * with backoff, and on reconnect the events of the subscribed workspaces since shortly before the
 * loss are read back, so nothing committed meanwhile is missed.
 */
export class RealtimeHub {
  private readonly subscribers = new Map<string, Set<TSubscriber>>();
  private readonly recentIds = new Set<string>();
  private readonly pendingIds = new Set<string>();
  /** The listener connection, from its first connect attempt on. */
  private client: pg.Client | null = null;
  private isConnected = false;
  private isStarted = false;
  private isFlushScheduled = false;
  private failures = 0;
  private lostAt: Date | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopLocalBus: (() => void) | null = null;
  private readonly options: Required<Omit<TRealtimeHubOptions, "connectionString">> & {
    connectionString?: string;
  };

  constructor(options: TRealtimeHubOptions) {
    this.options = {
      reconnectMinMs: 250,
      reconnectMaxMs: 10_000,
      catchUpMarginMs: 5_000,
      ...options,
    };
    if (options.transport === "listen" && !options.connectionString)
      throw new Error("RealtimeHub: the listen transport needs a connection string");
  }

  get transport(): TRealtimeTransport {
    return this.options.transport;
  }

  /** Starts hearing events (idempotent); `subscribe` calls it. */
  start(): void {
    if (this.isStarted) return;
    this.isStarted = true;
    if (this.options.transport === "in_process") {
      this.stopLocalBus = onCommittedEvents((events) => this.dispatch(events));
      return;
    }
    void this.connect();
  }

  async stop(): Promise<void> {
    this.isStarted = false;
    this.stopLocalBus?.();
    this.stopLocalBus = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    this.isConnected = false;
    client?.removeAllListeners("end");
    await client?.end().catch(() => undefined);
  }

  /** Delivers this audience's events from now on; returns the unsubscribe function. */
  subscribe(audience: TRealtimeAudience, deliver: (event: TRealtimeEvent) => void): () => void {
    this.start();
    const subscriber: TSubscriber = { audience, deliver };
    let ofTenant = this.subscribers.get(audience.tenantId);
    if (!ofTenant) this.subscribers.set(audience.tenantId, (ofTenant = new Set()));
    ofTenant.add(subscriber);
    return () => {
      ofTenant.delete(subscriber);
      if (ofTenant.size === 0 && this.subscribers.get(audience.tenantId) === ofTenant)
        this.subscribers.delete(audience.tenantId);
    };
  }

  /** Subscribers in this process, for tests and the benchmark. */
  subscriberCount(): number {
    let count = 0;
    for (const ofTenant of this.subscribers.values()) count += ofTenant.size;
    return count;
  }

  /** Whether the listener connection is up (always true in process). */
  isListening(): boolean {
    return this.options.transport === "in_process" ? this.isStarted : this.isConnected;
  }

  private dispatch(events: readonly TRealtimeEvent[]): void {
    for (const event of events) {
      if (this.recentIds.has(event.id)) continue;
      this.remember(event.id);
      for (const subscriber of this.subscribers.get(event.tenantId) ?? []) {
        if (!isVisibleTo(event, subscriber.audience)) continue;
        try {
          subscriber.deliver(event);
        } catch (error) {
          this.options.log.warn("realtime subscriber failed", { tenantId: event.tenantId, error });
        }
      }
    }
  }

  private remember(id: string): void {
    this.recentIds.add(id);
    if (this.recentIds.size <= RECENT_IDS_KEPT) return;
    const oldest = this.recentIds.values().next().value;
    if (oldest !== undefined) this.recentIds.delete(oldest);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: "svyaz-realtime",
    });
    this.client = client;
    client.on("notification", (message) => this.onNotification(message.payload));
    client.on("error", (error) => this.onLost(client, error));
    client.on("end", () => this.onLost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${REALTIME_CHANNEL}`);
    } catch (error) {
      this.onLost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.isConnected = true;
    this.failures = 0;
    if (this.lostAt) await this.catchUp(this.lostAt);
    this.lostAt = null;
  }

  /** The listener failed or closed: drop it and try again after a backoff (unless stopped). */
  private onLost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    // From the first failure on, events may have been missed (also when the first connect fails).
    this.lostAt ??= new Date();
    this.isConnected = false;
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    if (!this.isStarted || this.reconnectTimer) return;
    this.failures += 1;
    const backoff = Math.min(
      this.options.reconnectMaxMs,
      this.options.reconnectMinMs * 2 ** Math.min(this.failures - 1, 16),
    );
    const delay = Math.round(backoff * (0.75 + Math.random() / 2));
    this.options.log.warn("realtime listener lost; reconnecting", {
      delayMs: delay,
      attempt: this.failures,
      error,
    });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.isStarted) void this.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private onNotification(payload: string | undefined): void {
    const [tenantId, id] = (payload ?? "").split(":");
    if (!tenantId || !id || !this.subscribers.has(tenantId) || this.recentIds.has(id)) return;
    this.pendingIds.add(id);
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    // One query for every notification of the same burst.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.isFlushScheduled = false;
    const ids = [...this.pendingIds];
    this.pendingIds.clear();
    const client = this.client;
    if (ids.length === 0 || !client || !this.isConnected) return;
    try {
      const { rows } = await client.query(
        `SELECT ${EVENT_COLUMNS} FROM "RealtimeEvent" WHERE "id" = ANY($1::bigint[]) ORDER BY "id"`,
        [ids],
      );
      this.dispatch(rows.map(toRealtimeEvent));
    } catch (error) {
      // Treated as a lost connection: the catch-up after the reconnect reads these events again.
      this.options.log.warn("realtime listener: reading notified events failed", {
        count: ids.length,
        error,
      });
      this.onLost(client, error);
    }
  }

  private async catchUp(lostAt: Date): Promise<void> {
    const tenantIds = [...this.subscribers.keys()];
    if (tenantIds.length === 0 || !this.client) return;
    const since = new Date(lostAt.getTime() - this.options.catchUpMarginMs);
    try {
      const { rows } = await this.client.query(
        `SELECT ${EVENT_COLUMNS} FROM "RealtimeEvent" WHERE "tenantId" = ANY($1::text[]) AND "createdAt" >= $2 ORDER BY "id" LIMIT ${CATCH_UP_LIMIT}`,
        [tenantIds, since],
      );
      this.dispatch(rows.map(toRealtimeEvent));
    } catch (error) {
      this.options.log.warn("realtime listener: catching up after a reconnect failed", { error });
    }
  }
}

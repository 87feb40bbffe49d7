import "server-only";

import type { TDb } from "@/server/db/client";
import {
  claimDueDeliveries,
  DEFAULT_LEASE_MS,
  DEFAULT_PER_TENANT_LIMIT,
  INBOX_LANE_OF_PURPOSE,
  renewLeases,
  type TClaimedDelivery,
} from "@/server/domain/inbox/claims";
import type { TLogger } from "@/server/logging/logger";

export type TInboxWorkerOptions = {
  /** Deliveries in flight in this process, all tenants together. */
  capacity: number;
  /** In flight per tenant and lane (upstream service) across every instance; the claim query enforces it (R10). */
  perTenant: number;
  leaseMs: number;
  /** How often the leases of running deliveries are extended; well under `leaseMs`. */
  renewEveryMs: number;
  /** Retries fall due with time, not with a wake-up: the inbox is looked at this often. */
  pollMs: number;
};

/** What decides which per-tenant slots a delivery waits for. */
type TLaneKey = Pick<TClaimedDelivery, "tenantId" | "purpose">;

const DEFAULTS: TInboxWorkerOptions = {
  capacity: 32,
  perTenant: DEFAULT_PER_TENANT_LIMIT,
  leaseMs: DEFAULT_LEASE_MS,
  renewEveryMs: DEFAULT_LEASE_MS / 4,
  pollMs: 1_000,
};

/**
 * A continuously refilling worker over the inbox table, for any source (docs/inbox-worker.md).
 * Each delivery runs on its own: when one finishes, its slot is refilled at once, and a claim only
 * takes rows of tenants with a free slot in their lane, so a tenant whose upstream hangs holds its
 * own two slots of that lane and nothing else. Leases are renewed while the work runs; after a crash another process takes
 * the rows over once their lease ends. `handle` must not throw (it records its own failures).
 */
export class InboxWorker {
  private readonly running = new Map<string, TClaimedDelivery>();
  private readonly options: TInboxWorkerOptions;
  private isClaiming = false;
  private isStopped = false;
  private isClaimRequested = false;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private renewTimer: ReturnType<typeof setInterval> | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: TDb,
    private readonly handle: (delivery: TClaimedDelivery) => Promise<void>,
    private readonly log: TLogger,
    options: Partial<TInboxWorkerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(): void {
    if (this.pollTimer) return;
    this.isStopped = false;
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs);
    this.pollTimer.unref?.();
    this.wake();
  }

  /** Stops claiming; deliveries already running finish, their leases renewed until then. */
  stop(): void {
    this.isStopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.notifyIfIdle();
  }

  /**
   * Claims what fits in the free slots now (new deliveries were committed, or a slot freed up).
   * New deliveries whose tenant's lane this process fills cannot be claimed yet: a burst of them
   * costs no claim queries, their turn comes when a slot frees up.
   */
  wake(forDeliveries?: readonly TLaneKey[]): void {
    if (this.isStopped) {
      this.notifyIfIdle();
      return;
    }
    if (
      forDeliveries &&
      forDeliveries.every((delivery) => this.runningOf(delivery) >= this.options.perTenant)
    )
      return;
    if (this.isClaiming) {
      this.isClaimRequested = true;
      return;
    }
    void this.fill();
  }

  private runningOf({ tenantId, purpose }: TLaneKey): number {
    const lane = INBOX_LANE_OF_PURPOSE[purpose];
    let count = 0;
    for (const delivery of this.running.values())
      if (delivery.tenantId === tenantId && INBOX_LANE_OF_PURPOSE[delivery.purpose] === lane)
        count += 1;
    return count;
  }

  /** Ids of the deliveries running in this process. */
  inFlight(): string[] {
    return [...this.running.keys()];
  }

  /** Resolves once nothing runs in this process and no claim is under way. */
  idle(): Promise<void> {
    if (this.running.size === 0 && !this.isClaiming) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async fill(): Promise<void> {
    this.isClaiming = true;
    try {
      do {
        this.isClaimRequested = false;
        const free = this.options.capacity - this.running.size;
        if (free <= 0) break;
        const claimed = await claimDueDeliveries(this.db, {
          limit: free,
          perTenant: this.options.perTenant,
          leaseMs: this.options.leaseMs,
        });
        for (const delivery of claimed) this.run(delivery);
        // A full claim may have left more due rows behind.
        if (claimed.length === free) this.isClaimRequested = true;
      } while (this.isClaimRequested && !this.isStopped);
    } catch (error) {
      this.log.error("inbox worker: claiming deliveries failed", { error });
    } finally {
      this.isClaiming = false;
      this.notifyIfIdle();
    }
  }

  private run(delivery: TClaimedDelivery): void {
    this.running.set(delivery.id, delivery);
    if (!this.renewTimer) {
      this.renewTimer = setInterval(() => void this.renew(), this.options.renewEveryMs);
      this.renewTimer.unref?.();
    }
    void this.handle(delivery)
      .catch((error: unknown) =>
        this.log.error("inbox worker: a delivery handler threw", {
          deliveryId: delivery.id,
          tenantId: delivery.tenantId,
          error,
        }),
      )
      .finally(() => {
        this.running.delete(delivery.id);
        if (this.running.size === 0 && this.renewTimer) {
          clearInterval(this.renewTimer);
          this.renewTimer = null;
        }
        this.wake();
      });
  }

  private async renew(): Promise<void> {
    try {
      const lost = await renewLeases(this.db, [...this.running.values()], {
        leaseMs: this.options.leaseMs,
      });
      // Finished meanwhile, or taken over after this process stalled past the lease.
      const stillRunning = lost.filter((id) => this.running.has(id));
      if (stillRunning.length > 0)
        this.log.warn("inbox worker: lost the lease of running deliveries", {
          deliveryIds: stillRunning,
        });
    } catch (error) {
      this.log.error("inbox worker: renewing leases failed", { error });
    }
  }

  private notifyIfIdle(): void {
    if (this.running.size > 0 || this.isClaiming || (this.isClaimRequested && !this.isStopped))
      return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

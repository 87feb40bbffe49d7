import "server-only";
import type { TDb } from "@/server/db/client";
import { listBackfillAppointments, findBackfillsToList } from "@/server/domain/klientiks/backfill";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { claimDueDeliveries, processClaimedDelivery, type TClaimedDelivery } from "@/server/domain/klientiks/inbox";
import { findConnectionsDueForReconcile, reconcileKlientiksConnection } from "@/server/domain/klientiks/reconcile";
import type { TLogger } from "@/server/logging/logger";

const POLL_INTERVAL_MS = 1_000;
const SCHEDULE_INTERVAL_MS = 30_000;
const CLAIM_BATCH = 8;
/** Like the Inngest function's concurrency key: one tenant never runs more than two at a time (R10, R19). */
const PER_TENANT_CONCURRENCY = 2;

/**
 * The background driver when Inngest is not configured: the inbox table is the queue. Deliveries
 * are claimed with row locks, processed by the same domain steps as the Inngest function, retried
 * with backoff, and picked up again after a restart because they are still `pending` or their
 * claim has expired. A scheduler runs reconciliation and backfill listing in the same process.
 */
export class InlineWorker {
  private isDraining = false;
  private isWakeRequested = false;
  private isScheduling = false;
  private timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly db: TDb, private readonly deps: TKlientiksDeps, private readonly log: TLogger) {}

  start(): void {
    if (this.timers.length > 0) return;
    this.timers.push(setInterval(() => this.wake(), POLL_INTERVAL_MS), setInterval(() => void this.runSchedule(), SCHEDULE_INTERVAL_MS));
    for (const timer of this.timers) timer.unref?.();
    this.wake();
    void this.runSchedule();
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Called when new deliveries are committed, so they are processed without waiting for the poll. */
  wake(): void {
    if (this.isDraining) {
      this.isWakeRequested = true;
      return;
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    this.isDraining = true;
    try {
      do {
        this.isWakeRequested = false;
        let batch: TClaimedDelivery[];
        while ((batch = await claimDueDeliveries(this.db, { limit: CLAIM_BATCH })).length > 0) await this.processBatch(batch);
      } while (this.isWakeRequested);
    } catch (error) {
      this.log.error("inline worker: claiming deliveries failed", { error });
    } finally {
      this.isDraining = false;
    }
  }

  /**
   * Tenants run side by side, each with at most two deliveries in flight; one appointment's
   * deliveries run in order. So a dead credential costs at most two refused calls before the
   * connection is marked and the rest short-circuit (R19).
   */
  private async processBatch(batch: TClaimedDelivery[]): Promise<void> {
    const byTenant = new Map<string, TClaimedDelivery[]>();
    for (const delivery of batch) byTenant.set(delivery.tenantId, [...(byTenant.get(delivery.tenantId) ?? []), delivery]);
    await Promise.all([...byTenant.values()].map((deliveries) => this.processTenant(deliveries)));
  }

  private async processTenant(deliveries: TClaimedDelivery[]): Promise<void> {
    const lanes: TClaimedDelivery[][] = Array.from({ length: PER_TENANT_CONCURRENCY }, () => []);
    const laneOfAppointment = new Map<string | null, number>();
    deliveries.forEach((delivery, index) => {
      const lane = laneOfAppointment.get(delivery.appointmentId) ?? index % PER_TENANT_CONCURRENCY;
      laneOfAppointment.set(delivery.appointmentId, lane);
      lanes[lane]?.push(delivery);
    });
    await Promise.all(lanes.map(async (lane) => {
      for (const delivery of lane) {
        const result = await processClaimedDelivery(this.db, this.deps, delivery);
        if (!result.ok) this.log.warn("delivery failed", { deliveryId: delivery.id, tenantId: delivery.tenantId, attempt: delivery.attempts, code: result.failure.code, isRetriable: result.failure.isRetriable });
      }
    }));
  }

  /** Reconciliation every 15 minutes per connection, and listing of started backfills. */
  async runSchedule(): Promise<void> {
    if (this.isScheduling) return;
    this.isScheduling = true;
    try {
      for (const connection of await findConnectionsDueForReconcile(this.db)) {
        const result = await reconcileKlientiksConnection(this.db, this.deps, { tenantId: connection.tenantId, connectionId: connection.id }).catch((error: unknown) => {
          this.log.warn("reconciliation failed", { tenantId: connection.tenantId, connectionId: connection.id, error });
          return null;
        });
        if (result?.enqueued.length) this.wake();
      }
      for (const job of await findBackfillsToList(this.db)) {
        const enqueued = await listBackfillAppointments(this.db, this.deps, { tenantId: job.tenantId, jobId: job.id }).catch((error: unknown) => {
          this.log.warn("backfill listing failed", { tenantId: job.tenantId, jobId: job.id, error });
          return [];
        });
        if (enqueued.length) this.wake();
      }
    } catch (error) {
      this.log.error("inline scheduler failed", { error });
    } finally {
      this.isScheduling = false;
    }
  }
}

import "server-only";

import type { TDb } from "@/server/db/client";
import { refreshAnalyticsRollups } from "@/server/domain/analytics/rollups/refresh-rollups";
import { pruneEndedLeases } from "@/server/domain/call-tracking/prune-leases";
import { findDealRecomputesToRun, runDealRecompute } from "@/server/domain/deals/recompute-deals";
import {
  processClaimedDelivery,
  type TInboxProcessors,
} from "@/server/domain/inbox/process-claimed";
import { findBackfillsToList, listBackfillAppointments } from "@/server/domain/klientiks/backfill";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import {
  findConnectionsDueForReconcile,
  reconcileKlientiksConnection,
} from "@/server/domain/klientiks/reconcile";
import {
  fetchDueRecordings,
  lookUpPendingClients,
} from "@/server/domain/telephony/background-work";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import {
  findTelephonyImportsToList,
  listNextStatisticsPage,
  startDueTelephonyReconciliations,
} from "@/server/domain/telephony/statistics-sync";
import { InboxWorker, type TInboxWorkerOptions } from "@/server/jobs/inbox-worker";
import type { TLogger } from "@/server/logging/logger";

const SCHEDULE_INTERVAL_MS = 30_000;
/** Recordings are due 40 s after a call's end or when the provider says one is saved: looked for often. */
const RECORDINGS_INTERVAL_MS = 2_000;
const SCHEDULE_LANES = 4;
/** Stale analytics days are rebuilt within a second or two of a change (docs/analytics.md §4). */
const ANALYTICS_INTERVAL_MS = 1_000;
const ANALYTICS_DAYS_PER_ROUND = 50;
/** Ended leases go a batch an hour, a scan that finds nothing being the usual case. */
const LEASE_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * The background driver when Inngest is not configured: the inbox table is the queue, worked by
 * the InboxWorker with the same domain steps as the Inngest function (and the same per-tenant
 * limit, R10). A scheduler runs reconciliation, backfill and statistics listing, caller lookups and
 * recording fetches in the same process.
 */
export type TBackgroundDeps = {
  klientiks: TKlientiksDeps;
  telephony: TTelephonyDeps;
};

export class InlineWorker {
  private readonly inbox: InboxWorker;
  /** Per connection or job, so one account that hangs delays nobody else's reconciliation. */
  private readonly scheduled = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private recordingsTimer: ReturnType<typeof setInterval> | null = null;
  private analyticsTimer: ReturnType<typeof setInterval> | null = null;
  private leasesPrunedAt = 0;

  constructor(
    private readonly db: TDb,
    private readonly deps: TBackgroundDeps,
    processors: TInboxProcessors,
    private readonly log: TLogger,
    options: Partial<TInboxWorkerOptions> = {},
  ) {
    this.inbox = new InboxWorker(
      db,
      async (delivery) => {
        const result = await processClaimedDelivery(db, processors, delivery);
        if (!result.ok)
          log.warn("delivery failed", {
            deliveryId: delivery.id,
            tenantId: delivery.tenantId,
            attempt: delivery.attempts,
            code: result.failure.code,
            isRetriable: result.failure.isRetriable,
          });
      },
      log,
      options,
    );
  }

  start(): void {
    if (this.timer) return;
    this.inbox.start();
    this.timer = setInterval(() => void this.runSchedule(), SCHEDULE_INTERVAL_MS);
    this.timer.unref?.();
    this.recordingsTimer = setInterval(() => void this.runRecordings(), RECORDINGS_INTERVAL_MS);
    this.recordingsTimer.unref?.();
    this.analyticsTimer = setInterval(() => void this.runAnalytics(), ANALYTICS_INTERVAL_MS);
    this.analyticsTimer.unref?.();
    void this.runSchedule();
  }

  stop(): void {
    this.inbox.stop();
    if (this.timer) clearInterval(this.timer);
    if (this.recordingsTimer) clearInterval(this.recordingsTimer);
    if (this.analyticsTimer) clearInterval(this.analyticsTimer);
    this.timer = null;
    this.recordingsTimer = null;
    this.analyticsTimer = null;
  }

  /** Fetches the recordings that are due, one round at a time. */
  runRecordings(): Promise<void> {
    return this.once("recordings", async () => {
      await fetchDueRecordings(this.db, this.deps.telephony).catch((error: unknown) =>
        this.log.warn("fetching recordings failed", { error }),
      );
    });
  }

  /** Rebuilds the analytics days that rows changed since the last round. */
  runAnalytics(): Promise<void> {
    return this.once("analytics", async () => {
      await refreshAnalyticsRollups(this.db, { maxDays: ANALYTICS_DAYS_PER_ROUND }).catch(
        (error: unknown) => this.log.warn("refreshing analytics failed", { error }),
      );
    });
  }

  /** Called when new deliveries are committed, so they are processed without waiting for the poll. */
  wake(forDeliveries?: Parameters<InboxWorker["wake"]>[0]): void {
    this.inbox.wake(forDeliveries);
  }

  /** Resolves once no delivery runs in this process. */
  idle(): Promise<void> {
    return this.inbox.idle();
  }

  /**
   * Runs each started deal recompute to the end, each job once at a time; the scheduler resumes one
   * left by a restart. A superseding job starts at once: the one it replaced stops at its next chunk.
   */
  async runDealRecomputes(): Promise<void> {
    try {
      const jobs = await findDealRecomputesToRun(this.db);
      await Promise.all(
        jobs.map((job) =>
          this.once(`recompute:${job.id}`, () =>
            runDealRecompute(this.db, this.deps.klientiks, {
              tenantId: job.tenantId,
              jobId: job.id,
            }).catch((error: unknown) => {
              this.log.warn("deal recompute failed", {
                tenantId: job.tenantId,
                jobId: job.id,
                error,
              });
            }),
          ),
        ),
      );
    } catch (error) {
      this.log.error("inline worker: finding deal recomputes failed", { error });
    }
  }

  /**
   * Reconciliation every 15 minutes per connection, and listing of started backfills, a few side
   * by side: one account that hangs holds one lane, not the whole round. Deal recomputes run beside
   * them, outside the lanes.
   */
  async runSchedule(): Promise<void> {
    void this.runDealRecomputes();
    try {
      await startDueTelephonyReconciliations(this.db);
      const [connections, jobs, imports] = await Promise.all([
        findConnectionsDueForReconcile(this.db),
        findBackfillsToList(this.db),
        findTelephonyImportsToList(this.db),
      ]);
      const tasks = [
        ...connections.map((connection) => ({
          key: `reconcile:${connection.id}`,
          work: async () => {
            const result = await reconcileKlientiksConnection(this.db, this.deps.klientiks, {
              tenantId: connection.tenantId,
              connectionId: connection.id,
            }).catch((error: unknown) => {
              this.log.warn("reconciliation failed", {
                tenantId: connection.tenantId,
                connectionId: connection.id,
                error,
              });
              return null;
            });
            if (result?.enqueued.length) this.wake();
          },
        })),
        ...jobs.map((job) => ({
          key: `backfill:${job.id}`,
          work: async () => {
            const enqueued = await listBackfillAppointments(this.db, this.deps.klientiks, {
              tenantId: job.tenantId,
              jobId: job.id,
            }).catch((error: unknown) => {
              this.log.warn("backfill listing failed", {
                tenantId: job.tenantId,
                jobId: job.id,
                error,
              });
              return [];
            });
            if (enqueued.length) this.wake();
          },
        })),
        // One statistics page per import and tick: at most 2 a minute, under Zadarma's 3.
        ...imports.map((job) => ({
          key: `telephony-import:${job.id}`,
          work: async () => {
            const enqueued = await listNextStatisticsPage(this.db, this.deps.telephony, {
              tenantId: job.tenantId,
              jobId: job.id,
            }).catch((error: unknown) => {
              this.log.warn("statistics listing failed", {
                tenantId: job.tenantId,
                jobId: job.id,
                error,
              });
              return [];
            });
            if (enqueued.length) this.wake();
          },
        })),
        ...(Date.now() - this.leasesPrunedAt >= LEASE_PRUNE_INTERVAL_MS
          ? [
              {
                key: "lease-prune",
                work: async () => {
                  this.leasesPrunedAt = Date.now();
                  await pruneEndedLeases(this.db).catch((error: unknown) =>
                    this.log.warn("pruning tracking-number leases failed", { error }),
                  );
                },
              },
            ]
          : []),
        {
          key: "client-lookups",
          work: async () => {
            await lookUpPendingClients(this.db, this.deps.klientiks).catch((error: unknown) =>
              this.log.warn("client lookups failed", { error }),
            );
          },
        },
      ];
      await Promise.all(
        Array.from({ length: SCHEDULE_LANES }, async () => {
          for (let task = tasks.shift(); task; task = tasks.shift())
            await this.once(task.key, task.work);
        }),
      );
    } catch (error) {
      this.log.error("inline scheduler failed", { error });
    }
  }

  /** Runs `work` unless the same key is still running from an earlier tick. */
  private async once(key: string, work: () => Promise<void>): Promise<void> {
    if (this.scheduled.has(key)) return;
    this.scheduled.add(key);
    try {
      await work();
    } finally {
      this.scheduled.delete(key);
    }
  }
}

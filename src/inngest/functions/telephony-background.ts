import { inngest, telephonyImportRequested } from "@/inngest/client";
import { toDeliveryEvents } from "@/inngest/delivery-events";
import { getDb } from "@/server/db/client";
import {
  fetchDueRecordings,
  lookUpPendingClients,
} from "@/server/domain/telephony/background-work";
import {
  findTelephonyImportsToList,
  listNextStatisticsPage,
  startDueTelephonyReconciliations,
} from "@/server/domain/telephony/statistics-sync";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { getTelephonyDeps } from "@/server/telephony-deps";

/** Every minute: recordings that are due (docs/telephony-calls.md, «Recordings»). */
export const fetchCallRecordings = inngest.createFunction(
  {
    id: "fetch-call-recordings",
    retries: 1,
    concurrency: [{ limit: 1 }],
    triggers: [{ cron: "* * * * *" }],
  },
  async ({ step }) => ({
    tried: await step.run("fetch-due", () => fetchDueRecordings(getDb(), getTelephonyDeps())),
  }),
);

/**
 * Statistics imports (a new connection's backfill, the daily reconciliation): one page per import
 * and run, at most one run a minute, so a connection never asks for statistics more than Zadarma's
 * 3 times a minute. A new import starts a run at once.
 */
export const listTelephonyStatistics = inngest.createFunction(
  {
    id: "list-telephony-statistics",
    retries: 1,
    concurrency: [{ limit: 1 }],
    triggers: [{ cron: "* * * * *" }, telephonyImportRequested],
  },
  async ({ step }) => {
    await step.run("start-reconciliations", () => startDueTelephonyReconciliations(getDb()));
    const jobs = await step.run("find-imports", () => findTelephonyImportsToList(getDb()));
    let listed = 0;
    for (const job of jobs) {
      const enqueued = await step.run(`list-${job.id}`, () =>
        listNextStatisticsPage(getDb(), getTelephonyDeps(), {
          tenantId: job.tenantId,
          jobId: job.id,
        }),
      );
      if (enqueued.length > 0)
        await step.sendEvent(`enqueue-${job.id}`, toDeliveryEvents(enqueued));
      listed += enqueued.length;
    }
    return { imports: jobs.length, listed };
  },
);

/** Every 5 minutes: callers the processor could not look up in Klientiks at once. */
export const lookUpTelephonyCallers = inngest.createFunction(
  {
    id: "look-up-telephony-callers",
    retries: 1,
    concurrency: [{ limit: 1 }],
    triggers: [{ cron: "*/5 * * * *" }],
  },
  async ({ step }) => ({
    looked: await step.run("look-up", () => lookUpPendingClients(getDb(), getKlientiksDeps())),
  }),
);

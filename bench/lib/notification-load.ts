import type pg from "pg";

import { logRatios, measureAgainstBareRoute, postEach, type TLoad } from "./load";
import { processGroupCpuSeconds } from "./process-cpu";
import { log, waitUntil } from "./stats";
import { OWNER_EXTENSION, type TTelephonyWorkspace } from "./telephony-workspace";
import { createAnsweredCallForms, notificationHeaders, type TSignedForm } from "./zadarma-forms";

type TInboxCounts = { processed: number; open: number; failed: number };

/** The workspace's inbox by state. */
export async function countInbox(sql: pg.Client, tenantId: string): Promise<TInboxCounts> {
  const {
    rows: [row],
  } = await sql.query<Record<keyof TInboxCounts, string>>(
    `SELECT count(*) FILTER (WHERE "status" = 'processed') AS "processed", count(*) FILTER (WHERE "status" IN ('pending', 'processing')) AS "open",
       count(*) FILTER (WHERE "status" = 'failed') AS "failed"
     FROM "WebhookDelivery" WHERE "tenantId" = $1`,
    [tenantId],
  );
  return {
    processed: Number(row?.processed ?? 0),
    open: Number(row?.open ?? 0),
    failed: Number(row?.failed ?? 0),
  };
}

/** Waits (bounded) until the worker has settled everything of the workspace's inbox; returns whether it did. */
export const drainInbox = (sql: pg.Client, tenantId: string, timeoutMs: number) =>
  waitUntil(async () => (await countInbox(sql, tenantId)).open === 0, {
    timeoutMs,
    intervalMs: 500,
  });

/** autocannon posting one generated form per request to `path`. */
const formLoad = (appUrl: string, path: string, nextForm: () => TSignedForm): TLoad =>
  postEach(appUrl, path, () => {
    const form = nextForm();
    return { headers: notificationHeaders(form), body: form.body };
  });

/**
 * Signed notifications (each call's START, INTERNAL, ANSWER, END; every one distinct) against the
 * probe's POST fed the same kind of forms, with the sequence of `measureAgainstBareRoute`. The
 * worker folds the notifications in the same process meanwhile, as in production; its share of
 * the server's CPU is then measured while it drains the rest, so the log can tell what the
 * receiver itself costs per request.
 */
export async function measureNotificationLoad(
  app: { url: string; processGroupId: number },
  sql: pg.Client,
  workspace: TTelephonyWorkspace,
  options: { warmupSeconds: number; loadSeconds: number; drainTimeoutMs: number },
) {
  const formsOf = (callerPrefix: string) =>
    createAnsweredCallForms(workspace.account, {
      did: workspace.companyNumber,
      extension: OWNER_EXTENSION,
      callerPrefix,
    });
  const webhookPath = new URL(workspace.webhookUrl).pathname;
  const webhookLoad = formLoad(app.url, webhookPath, formsOf("7996"));
  let processedDuringRun = 0;
  let acknowledged = 0;
  let workerCpuMsPerDelivery = Number.NaN;
  const runs = await measureAgainstBareRoute({
    app,
    warmupSeconds: options.warmupSeconds,
    loadSeconds: options.loadSeconds,
    route: {
      name: "webhook route",
      sends: `signed NOTIFY_START/INTERNAL/ANSWER/END forms to POST ${webhookPath.replace(/[^/]+$/, "<token>")}`,
      load: async (duration) => {
        const before = (await countInbox(sql, workspace.tenantId)).processed;
        const result = await webhookLoad(duration);
        processedDuringRun = (await countInbox(sql, workspace.tenantId)).processed - before;
        return result;
      },
    },
    bare: {
      sends: "the same kind of forms to POST /api/health/live",
      load: formLoad(app.url, "/api/health/live", formsOf("7995")),
    },
    afterWarmUp: async () => {
      if (!(await drainInbox(sql, workspace.tenantId, options.drainTimeoutMs)))
        throw new Error("the warm-up's notifications were not processed in time");
    },
    afterRoute: async ({ result }) => {
      acknowledged = result.statusCodeStats["200"]?.count ?? 0;
      const [cpuBefore, { processed: before }, started] = [
        processGroupCpuSeconds(app.processGroupId),
        await countInbox(sql, workspace.tenantId),
        Date.now(),
      ];
      const isDrained = await drainInbox(sql, workspace.tenantId, options.drainTimeoutMs);
      const drained = (await countInbox(sql, workspace.tenantId)).processed - before;
      workerCpuMsPerDelivery =
        ((processGroupCpuSeconds(app.processGroupId) - cpuBefore) * 1000) / Math.max(drained, 1);
      log(
        `the worker ${isDrained ? "drained" : "did NOT drain"} the inbox ${((Date.now() - started) / 1000).toFixed(1)} s after the run: ${processedDuringRun} notifications ` +
          `processed during the run, ${drained} after it (${workerCpuMsPerDelivery.toFixed(2)} ms of server CPU each)`,
      );
    },
  });
  const { route, bare } = runs;
  const receiverCpuMs =
    (route.cpuMsPerRequest * route.result.requests.total -
      processedDuringRun * workerCpuMsPerDelivery) /
    Math.max(route.result.requests.total, 1);
  const { failed } = await countInbox(sql, workspace.tenantId);
  logRatios("webhook", runs, {
    extra: `; ${acknowledged} acknowledged, ${failed} failed in processing. Server CPU per request without the worker's share: receiver ≈ ${receiverCpuMs.toFixed(2)} ms, bare ${bare.cpuMsPerRequest.toFixed(2)} ms`,
  });
  return runs;
}

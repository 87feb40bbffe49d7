import { performance } from "node:perf_hooks";

import type pg from "pg";

import type { TSseConnection } from "../../tests/support/sse-client";
import { log, mapWithConcurrency, percentile, roundMs, sleep } from "./stats";
import { OWNER_EXTENSION, type TTelephonyWorkspace } from "./telephony-workspace";
import {
  newIncomingPbxCallId,
  notificationHeaders,
  signIncomingNotification,
  type TBenchIncomingCall,
  type TBenchIncomingEvent,
} from "./zadarma-forms";

type TPopCall = {
  workspaceIndex: number;
  call: TBenchIncomingCall;
  internalSentAt: number;
  internalAckedAt: number;
};

const postNotification = async (
  workspace: TTelephonyWorkspace,
  event: TBenchIncomingEvent,
  call: TBenchIncomingCall,
) => {
  const form = signIncomingNotification(event, call, workspace.account);
  const response = await fetch(workspace.webhookUrl, {
    method: "POST",
    headers: notificationHeaders(form),
    body: form.body,
  });
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`${event} of ${call.pbxCallId} answered ${response.status}`);
};

/** The card of `phone` as a stream received it first, if it did. */
const firstCardOf = (stream: TSseConnection, phone: string) =>
  stream.events.find(
    (event) =>
      event.topic === "call.card" && (event.payload as { phone?: string } | null)?.phone === phone,
  );

/**
 * The card pop-up from the provider's side (issue 9 §8): for `calls` incoming calls at `perSecond`,
 * round robin over the workspaces, the bench posts the signed NOTIFY_START and, once it is
 * acknowledged, NOTIFY_INTERNAL for the owner's extension, as Zadarma does when a call rings. Each
 * arrival of the call's `call.card` on a stream of that workspace is timed from the moment the
 * INTERNAL was sent. Afterwards every call is answered and hung up (ANSWER, END), so none is left ringing.
 */
export async function measureWebhookPop(
  sql: pg.Client,
  workspaces: readonly TTelephonyWorkspace[],
  streams: readonly TSseConnection[][],
  options: { calls: number; perSecond: number; arrivalTimeoutMs: number },
) {
  const popCalls: TPopCall[] = [];
  const started = performance.now();
  for (let index = 0; index < options.calls; index += 1) {
    const due = started + (index * 1000) / options.perSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    const workspaceIndex = index % workspaces.length;
    const workspace = workspaces[workspaceIndex]!;
    const call: TBenchIncomingCall = {
      pbxCallId: newIncomingPbxCallId(),
      caller: `79980${String(index).padStart(6, "0")}`,
      did: workspace.companyNumber,
      extension: OWNER_EXTENSION,
      startedAt: new Date(),
      durationSeconds: 40,
    };
    await postNotification(workspace, "NOTIFY_START", call);
    const internalSentAt = performance.now();
    await postNotification(workspace, "NOTIFY_INTERNAL", call);
    popCalls.push({ workspaceIndex, call, internalSentAt, internalAckedAt: performance.now() });
  }
  await sleep(options.arrivalTimeoutMs);

  const latencies: number[] = [];
  let lost = 0;
  for (const { workspaceIndex, call, internalSentAt } of popCalls) {
    for (const stream of streams[workspaceIndex] ?? []) {
      const card = firstCardOf(stream, `+${call.caller}`);
      if (card && card.receivedAt - internalSentAt <= options.arrivalTimeoutMs)
        latencies.push(card.receivedAt - internalSentAt);
      else lost += 1;
    }
  }
  const phonesOf = workspaces.map(
    (_, index) =>
      new Set(
        popCalls
          .filter((popCall) => popCall.workspaceIndex === index)
          .map(({ call }) => `+${call.caller}`),
      ),
  );
  const misdelivered = streams.reduce(
    (sum, workspaceStreams, index) =>
      sum +
      workspaceStreams.reduce(
        (streamSum, stream) =>
          streamSum +
          stream.events.filter((event) => {
            const phone =
              event.topic === "call.card"
                ? (event.payload as { phone?: string } | null)?.phone
                : undefined;
            return phone !== undefined && !phonesOf[index]?.has(phone);
          }).length,
        0,
      ),
    0,
  );
  log(
    `pop: ${popCalls.length} calls, ${latencies.length} card arrivals timed from NOTIFY_INTERNAL; p50 ${roundMs(percentile(latencies, 50))} ms, ` +
      `p95 ${roundMs(percentile(latencies, 95))} ms, max ${roundMs(Math.max(...latencies))} ms; ${lost} missing after ${options.arrivalTimeoutMs} ms, ${misdelivered} cards on another workspace's streams`,
  );

  await logWhereTimeGoes(sql, popCalls, streams);

  await mapWithConcurrency(popCalls, 10, async ({ workspaceIndex, call }) => {
    for (const event of ["NOTIFY_ANSWER", "NOTIFY_END"] as const)
      await postNotification(workspaces[workspaceIndex]!, event, call);
  });
  return { p95: percentile(latencies, 95), lost, misdelivered };
}

/**
 * Where a pop-up's time goes, from the rows the app wrote (same machine, so one clock): the
 * INTERNAL's acknowledgement, its receipt until the card's live event was stored (the inbox, the
 * worker's claim, waiting for the START of the same call, the fold, the card), and from there until
 * the first stream of the workspace read it (NOTIFY, the hub, the SSE write).
 */
async function logWhereTimeGoes(
  sql: pg.Client,
  popCalls: readonly TPopCall[],
  streams: readonly TSseConnection[][],
) {
  const { rows } = await sql.query<{ pbxCallId: string; receivedAt: Date; cardAt: Date | null }>(
    `SELECT d."providerCallId" AS "pbxCallId", d."receivedAt",
       (SELECT min(e."createdAt") FROM "RealtimeEvent" AS e WHERE e."tenantId" = d."tenantId" AND e."topic" = 'call.card' AND e."payload"->>'phone' = '+' || (d."query"->>'caller_id')) AS "cardAt"
     FROM "WebhookDelivery" AS d WHERE d."eventType" = 'NOTIFY_INTERNAL' AND d."providerCallId" = ANY($1::text[])`,
    [popCalls.map(({ call }) => call.pbxCallId)],
  );
  const byCall = new Map(rows.map((row) => [row.pbxCallId, row]));
  const toWallClock = (monotonic: number) => performance.timeOrigin + monotonic;
  const acks: number[] = [];
  const toCard: number[] = [];
  const fanOut: number[] = [];
  for (const { workspaceIndex, call, internalSentAt, internalAckedAt } of popCalls) {
    acks.push(internalAckedAt - internalSentAt);
    const row = byCall.get(call.pbxCallId);
    const firstArrival = Math.min(
      ...(streams[workspaceIndex] ?? []).map(
        (stream) => firstCardOf(stream, `+${call.caller}`)?.receivedAt ?? Infinity,
      ),
    );
    if (!row?.cardAt || !Number.isFinite(firstArrival)) continue;
    toCard.push(row.cardAt.getTime() - row.receivedAt.getTime());
    fanOut.push(toWallClock(firstArrival) - row.cardAt.getTime());
  }
  const describe = (values: number[]) =>
    `p50 ${roundMs(percentile(values, 50))} / p95 ${roundMs(percentile(values, 95))} ms`;
  log(
    `pop, where the time goes: INTERNAL acknowledged ${describe(acks)}; received → card stored ${describe(toCard)}; card stored → first stream ${describe(fanOut)}`,
  );
}

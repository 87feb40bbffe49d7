import { performance } from "node:perf_hooks";

import type pg from "pg";

import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import { processGroupRssBytes } from "./process-cpu";
import { MB } from "./sse-streams";
import { log, mapWithConcurrency, percentile, roundMs, sleep, waitUntil } from "./stats";
import { OWNER_EXTENSION, type TTelephonyWorkspace } from "./telephony-workspace";

export type TRecordedCall = { workspace: TTelephonyWorkspace; callId: string };

/**
 * One answered call per workspace through the real pipeline: the emulator plays it with a
 * recording of exactly `bytes` and posts its notifications (START … END, RECORD) to the
 * workspace's webhook address; the app folds them and its recording worker asks the PBX for the
 * file. Resolves once every call's recording is `ready`.
 */
export async function placeRecordedCalls(
  zadarma: ZadarmaControl,
  sql: pg.Client,
  workspaces: readonly TTelephonyWorkspace[],
  bytes: number,
): Promise<TRecordedCall[]> {
  const placed = await mapWithConcurrency(workspaces, 10, async (workspace, index) => {
    await zadarma.patchAccount(workspace.account.id, { notification_url: workspace.webhookUrl });
    const call = await zadarma.placeCall(workspace.account.id, {
      scenario: "incoming",
      caller: `79970${String(index).padStart(6, "0")}`,
      answered_by: OWNER_EXTENSION,
      ring_seconds: 4,
      // As long as a WAV of that size plays (8 kHz, 16-bit mono: 16,000 bytes a second).
      talk_seconds: Math.round(bytes / 16_000),
      recording_bytes: bytes,
    });
    return { workspace, pbxCallId: call.pbx_call_id };
  });
  const readyOf = async () => {
    const { rows } = await sql.query<{ providerCallId: string; id: string }>(
      `SELECT "providerCallId", "id" FROM "Call" WHERE "providerCallId" = ANY($1::text[]) AND "recordingState" = 'ready'`,
      [placed.map((call) => call.pbxCallId)],
    );
    return new Map(rows.map((row) => [row.providerCallId, row.id]));
  };
  let ready = new Map<string, string>();
  const isReady = await waitUntil(async () => (ready = await readyOf()).size === placed.length, {
    timeoutMs: 120_000,
    intervalMs: 500,
  });
  if (!isReady)
    throw new Error(`only ${ready.size} of ${placed.length} recordings became ready within 120 s`);
  log(
    `recordings: ${placed.length} answered calls with ${(bytes / MB).toFixed(1)} MB recordings went through the webhook, the fold and the recording worker; all ready`,
  );
  return placed.map(({ workspace, pbxCallId }) => ({ workspace, callId: ready.get(pbxCallId)! }));
}

const fetchRecording = (appUrl: string, recorded: TRecordedCall, signal?: AbortSignal) =>
  fetch(`${appUrl}/api/recordings/${recorded.callId}`, {
    headers: { cookie: recorded.workspace.api.cookieHeader() },
    signal,
  });

/**
 * Time to the first byte of audio through `/api/recordings/{callId}` (session, the call's
 * workspace, a fresh link from the PBX, the PBX's first bytes), one request at a time, round robin
 * over the calls; each download stops after its first chunk. The first `warmups` are not counted.
 */
export async function measureRecordingTtfb(
  appUrl: string,
  recorded: readonly TRecordedCall[],
  { requests, warmups }: { requests: number; warmups: number },
) {
  const samples: number[] = [];
  for (let index = 0; index < warmups + requests; index += 1) {
    const abort = new AbortController();
    const started = performance.now();
    const response = await fetchRecording(appUrl, recorded[index % recorded.length]!, abort.signal);
    if (response.status !== 200 || !response.body)
      throw new Error(`/api/recordings answered ${response.status}: ${await response.text()}`);
    const reader = response.body.getReader();
    const first = await reader.read();
    const ttfb = performance.now() - started;
    abort.abort();
    await reader.cancel().catch(() => undefined);
    if (first.done || first.value.byteLength === 0)
      throw new Error("a recording answered without a byte of audio");
    if (index >= warmups) samples.push(ttfb);
  }
  log(
    `recording TTFB: ${samples.length} requests (after ${warmups} warm-ups), p50 ${roundMs(percentile(samples, 50))} ms, p95 ${roundMs(percentile(samples, 95))} ms, max ${roundMs(Math.max(...samples))} ms`,
  );
  return percentile(samples, 95);
}

/**
 * Every call's recording downloaded whole, all at once, through the proxy, while the server's RSS
 * (its process group) is sampled every 100 ms. Growth is the peak over the RSS just before; a proxy
 * that gathered a file before passing it on would hold them all at once.
 */
export async function measureConcurrentRecordings(
  app: { url: string; processGroupId: number },
  recorded: readonly TRecordedCall[],
  bytes: number,
) {
  await sleep(1_000);
  const rssBefore = processGroupRssBytes(app.processGroupId);
  let peak = rssBefore;
  let isStreaming = true;
  const sampler = (async () => {
    while (isStreaming) {
      peak = Math.max(peak, processGroupRssBytes(app.processGroupId));
      await sleep(100);
    }
  })();
  const started = performance.now();
  const sizes = await Promise.all(
    recorded.map(async (call) => {
      const response = await fetchRecording(app.url, call);
      if (response.status !== 200 || !response.body)
        throw new Error(`/api/recordings answered ${response.status}`);
      const reader = response.body.getReader();
      let size = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        size += chunk.value.byteLength;
      return size;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  isStreaming = false;
  await sampler;
  const short = sizes.filter((size) => size !== bytes).length;
  if (short > 0)
    throw new Error(
      `${short} of ${sizes.length} recordings did not arrive whole (${bytes} bytes each)`,
    );
  log(
    `${recorded.length} recordings of ${(bytes / MB).toFixed(1)} MB streamed at once in ${seconds.toFixed(1)} s; server RSS ${(rssBefore / MB).toFixed(1)} → peak ${(peak / MB).toFixed(1)} MB`,
  );
  return (peak - rssBefore) / MB;
}

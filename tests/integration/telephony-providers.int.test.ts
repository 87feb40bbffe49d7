// The telephony features, the same tests for every provider (docs/telephony-calls.md,
// docs/telephony-mango.md): each provider's emulator over HTTP posts its real signed events to OUR
// receivers, the shared inbox is drained with the real processors, and the call log, the member,
// recordings played through the proxy, click-to-call, the statistics import and the daily
// reconciliation are checked the same way whichever PBX is behind them.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "@/server/db/client";
import { CALL_CARD_TOPIC } from "@/server/domain/calls/call-card";
import { ZCallListRequestSchema } from "@/server/domain/calls/call-filters";
import { findCalls } from "@/server/domain/calls/find-calls";
import { startBackfill } from "@/server/domain/inbox/backfill-jobs";
import { fetchDueRecordings } from "@/server/domain/telephony/background-work";
import { findCallbackRequest, placeCallback } from "@/server/domain/telephony/place-callback";
import {
  listNextStatisticsPage,
  startDueTelephonyReconciliations,
} from "@/server/domain/telephony/statistics-sync";
import { providerRecordingLinks } from "@/server/http/provider-recording-links";
import { streamRecording } from "@/server/http/stream-recording";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { createLogger } from "@/server/logging/logger";

import { createTestWorkspace } from "../support/factories";
import { drainInbox, startEmulatorForTests } from "../support/klientiks-harness";
import {
  TELEPHONY_PROVIDERS,
  type TConnectedLine,
  type TProvider,
  type TProviderDriver,
} from "../support/telephony-drivers";
import { createTestDb } from "../support/test-db";
import { startTelephonyReceiver, type TTelephonyReceiver } from "../support/zadarma-harness";

const db = createTestDb();
const DAY_MS = 86_400_000;
let klientiks: Awaited<ReturnType<typeof startEmulatorForTests>>;
let receiver: TTelephonyReceiver;

beforeAll(async () => {
  // First: it points the app's configuration (read once) at the Klientiks emulator.
  klientiks = await startEmulatorForTests();
  receiver = await startTelephonyReceiver(db);
});
afterAll(async () => {
  await receiver.close();
  await klientiks.emulator.close();
  await db.$disconnect();
  await getDb().$disconnect();
});

const drain = () => drainInbox(db, getKlientiksDeps());

/** Drains the inbox until `probe` finds what it waits for (events arrive over HTTP, a few ms apart). */
async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await drain();
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(Object.keys(TELEPHONY_PROVIDERS) as TProvider[])("telephony with %s", (provider) => {
  let driver: TProviderDriver;
  beforeAll(async () => {
    driver = await TELEPHONY_PROVIDERS[provider]();
  });
  afterAll(() => driver.close());

  async function connectedLine(): Promise<TConnectedLine> {
    const { owner, tenant } = await createTestWorkspace(db, `Телефония ${provider}`);
    return driver.connect(db, receiver, { tenantId: tenant.id, ownerId: owner.id });
  }

  const callOf = (line: TConnectedLine, providerCallId: string) =>
    db.call.findUnique({
      where: {
        connectionId_providerCallId: { connectionId: line.connectionId, providerCallId },
      },
    });

  it("an answered incoming call becomes one call of the member, and its recording plays through the proxy", async () => {
    const line = await connectedLine();
    const providerCallId = await line.ringAnsweredCall("79990001234", 2);
    const call = await eventually(async () => {
      const found = await callOf(line, providerCallId);
      return found?.endedAt && found.recordingState !== "none" ? found : null;
    }, "the ended call with its recording");
    expect(call).toMatchObject({
      tenantId: line.tenantId,
      direction: "incoming",
      disposition: "answered",
      clientPhone: "+79990001234",
      companyNumber: "+74951230000",
      extension: "100",
      membershipId: line.ownerMembershipId,
    });
    expect(Math.abs((call.talkSeconds ?? 0) - 2)).toBeLessThanOrEqual(1);
    // In the calls log, with the member's name; and its card went out to the workspace.
    const log = await findCalls(db, {
      tenantId: line.tenantId,
      request: ZCallListRequestSchema.parse({ filters: { hasRecording: true } }),
    });
    expect(log.data).toEqual([
      expect.objectContaining({ id: call.id, employeeName: expect.any(String) }),
    ]);
    expect(
      await db.realtimeEvent.count({
        where: {
          tenantId: line.tenantId,
          topic: CALL_CARD_TOPIC,
          payload: { path: ["callId"], equals: call.id },
        },
      }),
    ).toBeGreaterThan(0);

    await eventually(async () => {
      await fetchDueRecordings(db, driver.deps, new Date(Date.now() + 60_000));
      const fetched = await callOf(line, providerCallId);
      return fetched?.recordingState === "ready";
    }, "the recording to be ready");

    const proxy = {
      db,
      ...providerRecordingLinks(driver.deps, {
        zadarma: driver.emulatorUrl,
        mango: driver.emulatorUrl,
      }),
      log: createLogger({ test: `recordings-${provider}` }),
      timeoutMs: 5_000,
    };
    const whole = await streamRecording(
      new Request(`http://app.test/api/recordings/${call.id}`),
      { userId: line.ownerId, callId: call.id },
      proxy,
    );
    expect(whole.status).toBe(200);
    const file = new Uint8Array(await whole.arrayBuffer());
    expect(file.length).toBeGreaterThan(1_000);
    const slice = await streamRecording(
      new Request(`http://app.test/api/recordings/${call.id}`, {
        headers: { range: "bytes=100-199" },
      }),
      { userId: line.ownerId, callId: call.id },
      proxy,
    );
    expect(slice.status).toBe(206);
    expect(slice.headers.get("content-range")).toBe(`bytes 100-199/${file.length}`);
    expect(new Uint8Array(await slice.arrayBuffer())).toEqual(file.slice(100, 200));
  });

  it("click-to-call rings the member's extension, then the client, and the call is tied to the click", async () => {
    const line = await connectedLine();
    const scope = { tenantId: line.tenantId, membershipId: line.ownerMembershipId };
    const placed = await placeCallback(db, driver.deps, {
      ...scope,
      request: { phone: "8 (999) 765-43-21", idempotencyKey: randomUUID() },
    });
    expect(placed).toMatchObject({ status: "ringing_agent", extension: "100", failureCode: null });
    await line.pickUpCallback();
    const request = await eventually(async () => {
      const found = await findCallbackRequest(db, { ...scope, id: placed.id });
      return found?.callId ? found : null;
    }, "the callback's call");
    const call = await db.call.findUniqueOrThrow({ where: { id: request.callId ?? "" } });
    expect(call).toMatchObject({
      tenantId: line.tenantId,
      direction: "outgoing",
      clientPhone: "+79997654321",
      membershipId: line.ownerMembershipId,
      callbackRequestId: placed.id,
    });
  });

  it("the statistics import brings a call no event told, once; the daily reconciliation imports again", async () => {
    const line = await connectedLine();
    const at = new Date(Math.floor((Date.now() - 2 * DAY_MS) / 1000) * 1000);
    const providerCallId = await line.keepPastCall("79990005678", at, 30);

    const runImport = async () => {
      const job = await startBackfill(db, {
        tenantId: line.tenantId,
        connectionId: line.connectionId,
        since: new Date(Date.now() - 7 * DAY_MS),
      });
      await eventually(async () => {
        await listNextStatisticsPage(db, driver.deps, { tenantId: line.tenantId, jobId: job.id });
        const { enumeratedAt } = await db.backfillJob.findUniqueOrThrow({ where: { id: job.id } });
        return enumeratedAt;
      }, "the import to list every call");
      await drain();
    };
    await runImport();
    const imported = await callOf(line, providerCallId);
    expect(imported).toMatchObject({
      direction: "incoming",
      disposition: "answered",
      clientPhone: "+79990005678",
      membershipId: line.ownerMembershipId,
      startedAt: at,
      talkSeconds: 30,
    });
    await runImport();
    expect(await db.call.count({ where: { tenantId: line.tenantId } })).toBe(1);

    // The first run only marks the day (the backfill covers it); a day later an import starts.
    const now = new Date();
    await startDueTelephonyReconciliations(db, now);
    await startDueTelephonyReconciliations(db, new Date(now.getTime() + 25 * 3_600_000));
    const reconciliation = await db.backfillJob.findFirst({
      where: { tenantId: line.tenantId, connectionId: line.connectionId, status: "running" },
      orderBy: { startedAt: "desc" },
    });
    expect(reconciliation?.enumeratedAt).toBeNull();
    expect(reconciliation?.since.getTime()).toBe(now.getTime() - 3_600_000);
  });
});

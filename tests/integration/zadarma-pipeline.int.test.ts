// The Zadarma pipeline end to end (issue 9 §7): the emulator posts its real signed notifications over
// HTTP to OUR handler (served on a local node:http server), the inbox is drained with the real
// processors, recordings and statistics are fetched from the emulator's REST API, all on the real
// database. Wait and talk times are checked on a short live call; everything else replays at once.
import { randomBytes } from "node:crypto";

import { InngestTestEngine } from "@inngest/test";
import { StepError } from "inngest";
import { errors } from "inngest/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toDeliveryEvents } from "@/inngest/delivery-events";
import { processTelephonyDelivery } from "@/inngest/functions/process-telephony-delivery";
import { createId } from "@/lib/ids";
import { getDb, type TDb } from "@/server/db/client";
import { startBackfill } from "@/server/domain/inbox/backfill-jobs";
import { fetchDueRecordings } from "@/server/domain/telephony/background-work";
import { rotateTelephonySecret } from "@/server/domain/telephony/connections";
import { PREVIOUS_SECRET_WINDOW_MS } from "@/server/domain/telephony/credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { listNextStatisticsPage } from "@/server/domain/telephony/statistics-sync";
import { saveNotificationUrl } from "@/server/domain/telephony/webhook";
import { MAX_NOTIFICATION_BYTES } from "@/server/http/handle-zadarma-webhook";
import { notificationSignatureString, signNotification } from "@/server/integrations/zadarma";
import { getKlientiksDeps } from "@/server/klientiks-deps";

import type { KlientiksControl } from "../../emulators/klientiks/control-client";
import type { KlientiksEmulator } from "../../emulators/klientiks/server";
import type { CallView } from "../../emulators/zadarma/call-view";
import { createZadarmaControl, type ZadarmaControl } from "../../emulators/zadarma/control-client";
import { startZadarmaEmulator, type ZadarmaEmulator } from "../../emulators/zadarma/server";
import { createInterruptibleDb } from "../support/database-outage";
import { createTestDeal, createTestWorkspace } from "../support/factories";
import { runOnFailure } from "../support/inngest-failure";
import { expectRunStateWithout } from "../support/inngest-run-state";
import {
  createKlientiksWorld,
  drainInbox,
  startEmulatorForTests,
} from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";
import {
  COMPANY_NUMBER,
  connectTelephonyTenant,
  createTestTelephonyDeps,
  startTelephonyReceiver,
  type TTelephonyReceiver,
  type TTelephonyTenant,
  type TTelephonyTenantOptions,
} from "../support/zadarma-harness";

const db = createTestDb();
let klientiks: { emulator: KlientiksEmulator; control: KlientiksControl };
let emulator: ZadarmaEmulator;
let control: ZadarmaControl;
let deps: TTelephonyDeps;
let receiver: TTelephonyReceiver;

beforeAll(async () => {
  // First: it points the app's configuration (read once) at the Klientiks emulator.
  klientiks = await startEmulatorForTests();
  emulator = await startZadarmaEmulator({ port: 0 });
  control = createZadarmaControl(emulator.url);
  deps = createTestTelephonyDeps(emulator.url);
  receiver = await startTelephonyReceiver(db);
});
afterAll(async () => {
  await receiver.close();
  await emulator.close();
  await klientiks.emulator.close();
  await db.$disconnect();
  await getDb().$disconnect();
});

const HOUR_MS = 3_600_000;
const drain = () => drainInbox(db, getKlientiksDeps());

async function newWorkspace(): Promise<TTelephonyTenantOptions["workspace"]> {
  const { owner, tenant } = await createTestWorkspace(db, "Телефония");
  return { tenantId: tenant.id, ownerId: owner.id };
}

/** A workspace (a new one unless given) connected to a new PBX account of the emulator. */
async function telephonyTenant(
  options: Partial<TTelephonyTenantOptions> = {},
): Promise<TTelephonyTenant> {
  return connectTelephonyTenant(db, control, deps, receiver, {
    ...options,
    workspace: options.workspace ?? (await newWorkspace()),
  });
}

/** Waits for `count` more notifications of the tenant's account to be answered than before `place`. */
async function placeAndSettle(
  tenant: TTelephonyTenant,
  notifications: number,
  place: () => Promise<CallView>,
  timeoutMs?: number,
) {
  const before = (await control.listNotifications(tenant.account.id)).length;
  const call = await place();
  await tenant.settle(before + notifications, timeoutMs);
  return call;
}

/** The account's wall clock `YYYY-MM-DD HH:MM:SS` in a zone with a fixed offset, as an instant. */
const wallClockAt = (local: string, offset: string) =>
  new Date(`${local.replace(" ", "T")}${offset}`);

const deliveriesOf = (tenantId: string) =>
  db.webhookDelivery.findMany({ where: { tenantId }, orderBy: { receivedAt: "asc" } });

/** Every row of every table whose text mentions `needle` (R22: no recording link is ever stored). */
async function rowsMentioning(client: TDb, needle: string): Promise<string[]> {
  const tables = await client.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const hits: string[] = [];
  for (const { name } of tables) {
    const table = `"${name.replace(/"/g, '""')}"`;
    const [row] = await client.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${table} AS r WHERE r::text LIKE $1`,
      `%${needle}%`,
    );
    if (row && row.count > 0) hits.push(`${name}: ${row.count}`);
  }
  return hits;
}

/** A form posted straight to our address, signed like Zadarma with `secret` (or a given header). */
async function postForm(
  url: string,
  form: Record<string, string>,
  signature: { secret: string } | { header: string | null },
) {
  const signed = notificationSignatureString(form) ?? "";
  const header =
    "secret" in signature ? signNotification(signed, signature.secret) : signature.header;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(header === null ? {} : { signature: header }),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.text() };
}

const startForm = (pbxCallId: string) => ({
  event: "NOTIFY_START",
  call_start: "2025-03-01 10:00:00",
  pbx_call_id: pbxCallId,
  caller_id: "79990001111",
  called_did: COMPANY_NUMBER,
});

/** Sleeps to just after a whole second, so `call_start` (whole seconds) loses almost nothing of the real start. */
async function alignToSecond() {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
}

describe("zd_echo", () => {
  it("saving the address through the API gets our echo and confirms the endpoint; a wrong token gets 404", async () => {
    const tenant = await telephonyTenant();
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({
      where: { tenantId: tenant.tenantId, purpose: "telephony" },
    });
    expect(endpoint.confirmedAt).toBeInstanceOf(Date);
    expect((await control.getAccount(tenant.account.id)).notification_url).toBe(tenant.webhookUrl);
    const echo = receiver.received.find(
      (request) => request.method === "GET" && request.token === tenant.token,
    );
    expect(echo).toMatchObject({ status: 200, body: expect.stringMatching(/.+/) });

    const wrongUrl = tenant.webhookUrl.replace(/[^/]+$/, randomBytes(24).toString("base64url"));
    await expect(
      saveNotificationUrl(deps.zadarma, tenant.credentials, wrongUrl),
    ).rejects.toMatchObject({ code: "TELEPHONY_WEBHOOK_NOT_CONFIRMED" });
    expect(await control.zdEcho(wrongUrl)).toMatchObject({ confirmed: false, status: 404 });
    expect((await control.getAccount(tenant.account.id)).notification_url).toBe(tenant.webhookUrl);
  });
});

describe("an incoming answered call", () => {
  it("becomes one call in UTC from the account's zone, with its member, events, Klientiks client and recording", async () => {
    const world = await createKlientiksWorld(db, klientiks.control);
    const tenant = await telephonyTenant({
      workspace: { tenantId: world.tenantId, ownerId: world.owner.id },
      timezone: "Asia/Yekaterinburg",
    });
    // info/timezone answers "UTC+5"; the connection keeps it as an IANA zone.
    const connection = await db.connection.findUniqueOrThrow({
      where: { id: tenant.connectionId },
    });
    expect(connection.settings).toMatchObject({ timeZone: "Etc/GMT-5" });

    await alignToSecond();
    // START, INTERNAL ×2, ANSWER, END, RECORD — on real timers: the answer time is when NOTIFY_ANSWER arrives.
    const placed = await placeAndSettle(
      tenant,
      6,
      () =>
        control.placeCall(tenant.account.id, {
          scenario: "incoming",
          caller: "79990000001",
          answered_by: "100",
          ring_seconds: 1,
          talk_seconds: 2,
          live: true,
        }),
      15_000,
    );
    const pbx = await control.getCall(tenant.account.id, placed.pbx_call_id);
    const posted = receiver.received.filter(
      (request) => request.token === tenant.token && request.method === "POST",
    );
    expect(posted.map((request) => request.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(
      receiver.dispatched.filter((delivery) => delivery.tenantId === tenant.tenantId),
    ).toHaveLength(6);

    const outcomes = await drain();
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const call = await tenant.callOf(placed.pbx_call_id);
    const startedAt = wallClockAt(pbx.call_start, "+05:00");
    expect(call).toMatchObject({
      tenantId: tenant.tenantId,
      direction: "incoming",
      state: "ended",
      disposition: "answered",
      rawDisposition: "answered",
      clientPhone: "+79990000001",
      companyNumber: `+${COMPANY_NUMBER}`,
      extension: "100",
      membershipId: tenant.ownerMembershipId,
      startedAt,
      endedAt: new Date(startedAt.getTime() + pbx.duration * 1000),
      isFirstCall: true,
      recordingState: "pending",
      recordingRef: pbx.recording?.call_id_with_rec,
    });
    // call_start is the PBX's whole second; our answer time is when NOTIFY_ANSWER reached us.
    expect(startedAt.getTime()).toBe(Math.floor(Date.parse(pbx.started_at!) / 1000) * 1000);
    const answeredAt = call!.answeredAt!;
    expect(answeredAt.getTime()).toBeGreaterThanOrEqual(Date.parse(pbx.answered_at!));
    expect(answeredAt.getTime() - Date.parse(pbx.answered_at!)).toBeLessThan(1000);
    // docs/telephony-calls.md «Times»: wait = answer − start, talk = end − answer, whole seconds.
    expect(call!.waitSeconds).toBe(Math.round((answeredAt.getTime() - startedAt.getTime()) / 1000));
    expect(call!.talkSeconds).toBe(
      Math.round((call!.endedAt!.getTime() - answeredAt.getTime()) / 1000),
    );
    expect(Math.abs(call!.waitSeconds! - 1)).toBeLessThanOrEqual(1);
    expect(Math.abs(call!.talkSeconds! - pbx.talk_seconds)).toBeLessThanOrEqual(1);

    const events = await db.callEvent.findMany({
      where: { tenantId: tenant.tenantId, callId: call!.id },
      orderBy: [{ type: "asc" }, { extension: "asc" }],
    });
    expect(events.map((event) => [event.type, event.extension])).toEqual([
      ["NOTIFY_ANSWER", "100"],
      ["NOTIFY_END", "100"],
      ["NOTIFY_INTERNAL", "100"],
      ["NOTIFY_INTERNAL", "101"],
      ["NOTIFY_RECORD", null],
      ["NOTIFY_START", null],
    ]);
    // The new caller was looked up in Klientiks right after the card went out.
    const client = await db.client.findUniqueOrThrow({ where: { id: call!.clientId! } });
    expect(client).toMatchObject({
      phone: "+79990000001",
      klientiksClientId: String(world.client.id),
      name: expect.stringContaining("Анна"),
    });

    // NOTIFY_RECORD made the recording due at once; the fetcher finds it and stores no link.
    // The fetcher serves every workspace of the database, the longest waiting first: rounds until it reached this call.
    for (
      let round = 0;
      round < 50 && (await tenant.callOf(placed.pbx_call_id))?.recordingState === "pending";
      round += 1
    )
      await fetchDueRecordings(db, deps);
    expect(await tenant.callOf(placed.pbx_call_id)).toMatchObject({
      recordingState: "ready",
      recordingRef: pbx.recording?.call_id_with_rec,
    });
    const asked = (await control.requests({ accountId: tenant.account.id })).filter(
      (entry) => entry.method === "pbx/record/request",
    );
    expect(asked.map((entry) => entry.path)).toEqual([
      expect.stringContaining(`call_id=${encodeURIComponent(pbx.recording!.call_id_with_rec)}`),
    ]);
    expect(await rowsMentioning(db, "/record/download/")).toEqual([]);
  });
});

describe("a missed call and the callback", () => {
  it("marks the missed call called back when the outgoing call to the same client connects", async () => {
    const tenant = await telephonyTenant();
    const client = "79990002222";
    const missed = await placeAndSettle(tenant, 4, () =>
      control.placeCall(tenant.account.id, {
        scenario: "incoming",
        caller: client,
        disposition: "no answer",
        ring_seconds: 10,
      }),
    );
    const callback = await placeAndSettle(tenant, 3, () =>
      control.placeCall(tenant.account.id, {
        scenario: "outgoing",
        extension: "100",
        destination: client,
        ring_seconds: 1,
        talk_seconds: 2,
      }),
    );
    await drain();

    const [missedCall, callbackCall] = [
      await tenant.callOf(missed.pbx_call_id),
      await tenant.callOf(callback.pbx_call_id),
    ];
    expect(missedCall).toMatchObject({
      direction: "incoming",
      state: "ended",
      disposition: "no_answer",
      rawDisposition: "no answer",
      answeredAt: null,
      talkSeconds: 0,
      waitSeconds: 10,
      recordingState: "none",
      clientPhone: `+${client}`,
      calledBackAt: callbackCall!.startedAt,
      calledBackCallId: callbackCall!.id,
    });
    expect(callbackCall).toMatchObject({
      direction: "outgoing",
      state: "ended",
      disposition: "answered",
      clientPhone: `+${client}`,
      companyNumber: `+${COMPANY_NUMBER}`,
      extension: "100",
      membershipId: tenant.ownerMembershipId,
      clientId: missedCall!.clientId,
      isFirstCall: false,
    });
    expect(callbackCall!.startedAt.getTime()).toBeGreaterThan(missedCall!.startedAt.getTime());
  });
});

describe("duplicates and reordering", () => {
  /** The columns that do not depend on when the replay happened. */
  const shapeOf = (call: NonNullable<Awaited<ReturnType<TTelephonyTenant["callOf"]>>>) => ({
    direction: call.direction,
    state: call.state,
    disposition: call.disposition,
    rawDisposition: call.rawDisposition,
    clientPhone: call.clientPhone,
    companyNumber: call.companyNumber,
    extension: call.extension,
    membershipId: call.membershipId,
    recordingState: call.recordingState,
    hasRecordingRef: call.recordingRef !== null,
    isAnswered: call.answeredAt !== null,
    // A replay's answer reaches us a few ms after the replayed end, which the fold clamps the end to.
    durationSeconds: Math.round((call.endedAt!.getTime() - call.startedAt.getTime()) / 1000),
  });

  it("gives the same call as without faults, one inbox row per event and no call lost", async () => {
    const tenant = await telephonyTenant();
    const spec = {
      scenario: "incoming" as const,
      caller: "79990007777",
      answered_by: "101",
      ring_seconds: 3,
      talk_seconds: 12,
    };
    const plain = await placeAndSettle(tenant, 6, () => control.placeCall(tenant.account.id, spec));

    await control.addWebhookFault(tenant.account.id, { mode: "duplicate", copies: 3 });
    const duplicated = await placeAndSettle(tenant, 18, () =>
      control.placeCall(tenant.account.id, spec),
    );
    await control.clearWebhookFaults(tenant.account.id);

    await control.addWebhookFault(tenant.account.id, {
      mode: "reorder",
      order: "reverse",
      times: 1,
    });
    const reversed = await placeAndSettle(tenant, 6, () =>
      control.placeCall(tenant.account.id, spec),
    );
    await control.addWebhookFault(tenant.account.id, {
      mode: "reorder",
      order: "shuffle",
      times: 1,
    });
    await control.addWebhookFault(tenant.account.id, { mode: "duplicate", copies: 2 });
    const shuffled = await placeAndSettle(tenant, 12, () =>
      control.placeCall(tenant.account.id, spec),
    );
    await control.clearWebhookFaults(tenant.account.id);
    const log = await control.listNotifications(tenant.account.id);
    expect(
      log
        .filter((delivery) => delivery.pbx_call_id === reversed.pbx_call_id)
        .map((delivery) => delivery.event)
        .slice(0, 5),
    ).toEqual([
      "NOTIFY_END",
      "NOTIFY_ANSWER",
      "NOTIFY_INTERNAL",
      "NOTIFY_INTERNAL",
      "NOTIFY_START",
    ]);
    expect(
      log.every((delivery) => delivery.outcome === "delivered" && delivery.status === 200),
    ).toBe(true);

    const outcomes = await drain();
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const deliveries = await deliveriesOf(tenant.tenantId);
    expect(deliveries).toHaveLength(4 * 6);
    expect(new Set(deliveries.map((delivery) => delivery.dedupeKey)).size).toBe(deliveries.length);
    expect(deliveries.every((delivery) => delivery.status === "processed")).toBe(true);
    // Only the first copy of an event is handed to the driver.
    expect(
      receiver.dispatched.filter((delivery) => delivery.tenantId === tenant.tenantId),
    ).toHaveLength(deliveries.length);

    const baseline = shapeOf((await tenant.callOf(plain.pbx_call_id))!);
    expect(baseline).toMatchObject({
      state: "ended",
      disposition: "answered",
      extension: "101",
      durationSeconds: 15,
      recordingState: "pending",
    });
    for (const faulted of [duplicated, reversed, shuffled]) {
      const call = (await tenant.callOf(faulted.pbx_call_id))!;
      expect(shapeOf(call)).toEqual(baseline);
      expect(await db.callEvent.count({ where: { callId: call.id } })).toBe(6);
    }
    // lost = 0: every call the PBX made is exactly one call here.
    const pbxCalls = (await control.listCalls(tenant.account.id))
      .map((call) => call.pbx_call_id)
      .sort();
    const ours = await db.call.findMany({
      where: { tenantId: tenant.tenantId },
      select: { providerCallId: true },
    });
    expect(ours.map((call) => call.providerCallId).sort()).toEqual(pbxCalls);
  });
});

describe("refused notifications", () => {
  it("answers a bad signature 401 and keeps it as rejected without touching the call", async () => {
    const tenant = await telephonyTenant();
    await control.addWebhookFault(tenant.account.id, {
      mode: "bad_signature",
      event: "NOTIFY_END",
      times: 1,
    });
    const placed = await placeAndSettle(tenant, 6, () =>
      control.placeCall(tenant.account.id, { scenario: "incoming", answered_by: "100" }),
    );
    const log = await control.listNotifications(tenant.account.id);
    expect(log.find((delivery) => delivery.event === "NOTIFY_END")).toMatchObject({
      status: 401,
      signature_valid: false,
    });
    await drain();

    const rejected = (await deliveriesOf(tenant.tenantId)).filter(
      (delivery) => delivery.status === "rejected",
    );
    expect(rejected).toEqual([
      expect.objectContaining({
        eventType: "NOTIFY_END",
        errorCode: "bad_signature",
        providerCallId: null,
      }),
    ]);
    const call = await tenant.callOf(placed.pbx_call_id);
    // The recording announcement closes the call; the forged END gave it no disposition or duration.
    expect(call).toMatchObject({
      state: "ended",
      disposition: null,
      rawDisposition: null,
      endedAt: null,
    });
    expect(await db.callEvent.count({ where: { callId: call!.id, type: "NOTIFY_END" } })).toBe(0);
  });

  it("answers a form without pbx_call_id 400 naming the field, and one without Signature 401", async () => {
    const tenant = await telephonyTenant();
    const { pbx_call_id: _dropped, ...withoutCallId } = startForm("in_0");
    const missingField = await postForm(tenant.webhookUrl, withoutCallId, {
      secret: tenant.credentials.secret,
    });
    expect(missingField.status).toBe(400);
    expect(JSON.parse(missingField.body)).toMatchObject({
      ok: false,
      error: { code: "INVALID_EVENT", field: "pbx_call_id" },
    });
    const unsigned = await postForm(tenant.webhookUrl, startForm("in_1"), { header: null });
    expect(unsigned.status).toBe(401);

    const rejected = await deliveriesOf(tenant.tenantId);
    expect(rejected.map((delivery) => [delivery.status, delivery.errorCode])).toEqual([
      ["rejected", "invalid_event"],
      ["rejected", "missing_signature"],
    ]);
    expect(rejected[0]!.error).toContain("pbx_call_id");
    expect(await db.call.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
  });

  it("refuses a notification over 64 KB with 413 and stores nothing (R20)", async () => {
    const tenant = await telephonyTenant();
    const padded = { ...startForm("in_big"), padding: "x".repeat(MAX_NOTIFICATION_BYTES) };
    const refused = await postForm(tenant.webhookUrl, padded, {
      secret: tenant.credentials.secret,
    });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { field: "body" } });
    const withinCap = await postForm(
      tenant.webhookUrl,
      { ...startForm("in_fits"), padding: "x".repeat(MAX_NOTIFICATION_BYTES - 1024) },
      { secret: tenant.credentials.secret },
    );
    expect(withinCap.status).toBe(200);
    expect((await deliveriesOf(tenant.tenantId)).map((row) => row.providerCallId)).toEqual([
      "in_fits",
    ]);
  });

  it("acknowledges events it does not handle and stores nothing", async () => {
    const tenant = await telephonyTenant();
    const smsForm = {
      event: "SMS",
      caller_id: "79990003333",
      caller_did: COMPANY_NUMBER,
      text: "Здравствуйте",
    };
    const sms = await postForm(tenant.webhookUrl, smsForm, { header: "anything" });
    const speech = await postForm(
      tenant.webhookUrl,
      { event: "SPEECH_RECOGNITION", pbx_call_id: "in_x" },
      { header: null },
    );
    expect([sms.status, speech.status]).toEqual([200, 200]);
    expect(await db.webhookDelivery.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
    expect(receiver.dispatched.filter((delivery) => delivery.tenantId === tenant.tenantId)).toEqual(
      [],
    );
  });
});

describe("a database that refuses (R5)", () => {
  it("answers 503 and hands nothing over while the database is down, even for an address it cannot look up, then stores the event", async () => {
    const tenant = await telephonyTenant();
    const outage = await createInterruptibleDb();
    const outageReceiver = await startTelephonyReceiver(outage.db);
    try {
      const addressOf = (token: string) => `${outageReceiver.appUrl}/api/webhooks/zadarma/${token}`;
      const signed = { secret: tenant.credentials.secret };
      // The address and its secrets are now in this receiver's caches.
      expect((await postForm(addressOf(tenant.token), startForm("in_db_1"), signed)).status).toBe(
        200,
      );

      outage.cutOff();
      const whileDown = [
        await postForm(addressOf(tenant.token), startForm("in_db_2"), signed),
        await postForm(
          addressOf(randomBytes(32).toString("base64url")),
          startForm("in_db_3"),
          signed,
        ),
      ];
      for (const answer of whileDown) {
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.body)).toMatchObject({
          ok: false,
          error: { code: "UNAVAILABLE" },
        });
      }
      expect(outageReceiver.dispatched.map((delivery) => delivery.subjectId)).toEqual(["in_db_1"]);

      outage.restore();
      expect((await postForm(addressOf(tenant.token), startForm("in_db_2"), signed)).status).toBe(
        200,
      );
      expect((await deliveriesOf(tenant.tenantId)).map((row) => row.providerCallId)).toEqual([
        "in_db_1",
        "in_db_2",
      ]);
    } finally {
      await outageReceiver.close();
      await outage.close();
    }
  });
});

describe("secret rotation", () => {
  /** Another PBX account posting a missed call to `url` signed with `secret`: Zadarma still signing with it. */
  async function postingWith(url: string, secret: string) {
    const account = await control.createAccount({
      secret,
      numbers: [COMPANY_NUMBER],
      extensions: [{ number: "100" }],
      notification_url: url,
    });
    const call = await control.placeCall(account.id, {
      scenario: "incoming",
      disposition: "no answer",
      ring_seconds: 2,
    });
    const log = await control.waitForNotifications(account.id, { count: 3 });
    return { call, statuses: log.map((delivery) => delivery.status) };
  }
  const newSecret = () => randomBytes(10).toString("hex");

  it("accepts the previous secret within the window and a random one never (R3)", async () => {
    const tenant = await telephonyTenant();
    const oldSecret = tenant.credentials.secret;
    // Warms the receiver's secrets cache with the old secret alone.
    await placeAndSettle(tenant, 6, () =>
      control.placeCall(tenant.account.id, { scenario: "incoming", answered_by: "100" }),
    );

    const rotated = newSecret();
    await control.patchAccount(tenant.account.id, { secret: rotated });
    await rotateTelephonySecret(db, deps, {
      tenantId: tenant.tenantId,
      actorUserId: tenant.ownerId,
      secret: rotated,
    });
    const signedNew = await placeAndSettle(tenant, 6, () =>
      control.placeCall(tenant.account.id, { scenario: "incoming", answered_by: "100" }),
    );
    const signedOld = await postingWith(tenant.webhookUrl, oldSecret);
    const signedRandom = await postingWith(tenant.webhookUrl, newSecret());
    expect(
      (await control.listNotifications(tenant.account.id)).map((delivery) => delivery.status),
    ).toEqual(Array(12).fill(200));
    expect(signedOld.statuses).toEqual([200, 200, 200]);
    expect(signedRandom.statuses).toEqual([401, 401, 401]);

    await drain();
    expect(await tenant.callOf(signedNew.pbx_call_id)).toMatchObject({
      state: "ended",
      disposition: "answered",
    });
    expect(await tenant.callOf(signedOld.call.pbx_call_id)).toMatchObject({
      state: "ended",
      disposition: "no_answer",
    });
    expect(await tenant.callOf(signedRandom.call.pbx_call_id)).toBeNull();
    expect(
      await db.webhookDelivery.count({
        where: { tenantId: tenant.tenantId, status: "rejected", errorCode: "bad_signature" },
      }),
    ).toBe(3);
  });

  it("refuses the previous secret once its window is over", async () => {
    const tenant = await telephonyTenant();
    const oldSecret = tenant.credentials.secret;
    const rotated = newSecret();
    await control.patchAccount(tenant.account.id, { secret: rotated });
    // Rotated the window and an hour ago: the old secret's window closed an hour ago.
    await rotateTelephonySecret(db, deps, {
      tenantId: tenant.tenantId,
      actorUserId: tenant.ownerId,
      secret: rotated,
      now: new Date(Date.now() - PREVIOUS_SECRET_WINDOW_MS - HOUR_MS),
    });
    expect((await postingWith(tenant.webhookUrl, oldSecret)).statuses).toEqual([401, 401, 401]);
    expect((await postingWith(tenant.webhookUrl, rotated)).statuses).toEqual([200, 200, 200]);
  });
});

describe("statistics backfill", () => {
  /** Lists every page of a new import and drains the inbox; returns the job and what was enqueued. */
  async function runImport(tenant: TTelephonyTenant, since: Date) {
    const job = await startBackfill(db, {
      tenantId: tenant.tenantId,
      connectionId: tenant.connectionId,
      since,
    });
    let enqueued = 0;
    for (let page = 0; page < 10; page += 1) {
      enqueued += (
        await listNextStatisticsPage(db, deps, { tenantId: tenant.tenantId, jobId: job.id })
      ).length;
      const { enumeratedAt } = await db.backfillJob.findUniqueOrThrow({ where: { id: job.id } });
      if (enumeratedAt) break;
    }
    await drain();
    return { jobId: job.id, enqueued };
  }

  it("imports backdated calls with their columns, in UTC from the account's zone; importing again adds nothing", async () => {
    const tenant = await telephonyTenant({ timezone: "Asia/Novosibirsk" });
    const localDaysAgo = (days: number, time: string) => {
      const day = new Date(Date.now() + 7 * HOUR_MS - days * 24 * HOUR_MS)
        .toISOString()
        .slice(0, 10);
      return `${day} ${time}`;
    };
    const answeredAt = localDaysAgo(2, "11:00:00");
    const backdated = (spec: Parameters<ZadarmaControl["placeCall"]>[1]) =>
      control.placeCall(tenant.account.id, { ...spec, notify: false });
    const answered = await backdated({
      scenario: "incoming",
      caller: "79990004444",
      answered_by: "100",
      ring_seconds: 4,
      talk_seconds: 20,
      at: answeredAt,
    });
    const missed = await backdated({
      scenario: "incoming",
      caller: "79990005555",
      disposition: "no answer",
      ring_seconds: 6,
      at: localDaysAgo(2, "12:00:00"),
    });
    const outgoing = await backdated({
      scenario: "outgoing",
      extension: "101",
      destination: "79990004444",
      talk_seconds: 15,
      at: localDaysAgo(1, "09:30:00"),
    });
    await control.placeCall(tenant.account.id, {
      scenario: "incoming",
      caller: "79990006666",
      at: localDaysAgo(9, "10:00:00"),
      notify: false,
    });
    expect(await control.listNotifications(tenant.account.id)).toEqual([]);
    // A deal the caller booked at the desk after the answered call: importing the call credits the
    // deal with it, and the later outgoing call, the salon's own doing, never (deal-attribution §11).
    // The deal's connection does not matter to attribution, so the telephony one stands in.
    const caller = await db.client.create({
      data: { id: createId("cli"), tenantId: tenant.tenantId, phone: "+79990004444" },
    });
    const deskDeal = await createTestDeal(db, tenant, {
      clientId: caller.id,
      crmCreatedAt: wallClockAt(localDaysAgo(1, "18:00:00"), "+07:00"),
    });

    const first = await runImport(tenant, new Date(Date.now() - 7 * 24 * HOUR_MS));
    expect(first.enqueued).toBe(3);
    const calls = await db.call.findMany({
      where: { tenantId: tenant.tenantId },
      orderBy: { startedAt: "asc" },
    });
    expect(calls.map((call) => call.providerCallId)).toEqual([
      answered.pbx_call_id,
      missed.pbx_call_id,
      outgoing.pbx_call_id,
    ]);
    const startOf = (local: string) => wallClockAt(local, "+07:00");
    expect(calls[0]).toMatchObject({
      direction: "incoming",
      state: "ended",
      disposition: "answered",
      clientPhone: "+79990004444",
      extension: "100",
      membershipId: tenant.ownerMembershipId,
      startedAt: startOf(answeredAt),
      talkSeconds: 20,
      endedAt: new Date(startOf(answeredAt).getTime() + 20_000),
      recordingState: "pending",
      recordingRef: answered.call_id,
    });
    expect(calls[1]).toMatchObject({
      direction: "incoming",
      disposition: "no_answer",
      clientPhone: "+79990005555",
      talkSeconds: 0,
      recordingState: "none",
      answeredAt: null,
    });
    expect(calls[2]).toMatchObject({
      direction: "outgoing",
      disposition: "answered",
      clientPhone: "+79990004444",
      extension: "101",
      companyNumber: `+${COMPANY_NUMBER}`,
      startedAt: startOf(outgoing.call_start),
      talkSeconds: 15,
      isFirstCall: false,
    });
    expect(await db.callEvent.count({ where: { tenantId: tenant.tenantId } })).toBe(3);
    expect(
      await db.deal.findUniqueOrThrow({
        where: { id: deskDeal.id },
        select: { attributionRule: true, creditedCallId: true, clientId: true },
      }),
    ).toEqual({
      attributionRule: "last_non_direct_fell_back_to_direct",
      creditedCallId: calls[0]?.id,
      clientId: calls[0]?.clientId,
    });

    // The next import (the daily reconciliation, or the same backfill again) lists the same rows and adds nothing.
    const before = await db.call.findMany({
      where: { tenantId: tenant.tenantId },
      orderBy: { id: "asc" },
      omit: { updatedAt: true },
    });
    const second = await runImport(tenant, new Date(Date.now() - 7 * 24 * HOUR_MS));
    expect(second.jobId).not.toBe(first.jobId);
    expect(await db.backfillJob.findUniqueOrThrow({ where: { id: second.jobId } })).toMatchObject({
      listed: 3,
      enumeratedAt: expect.any(Date),
    });
    expect(second.enqueued).toBe(0);
    expect(
      await db.call.findMany({
        where: { tenantId: tenant.tenantId },
        orderBy: { id: "asc" },
        omit: { updatedAt: true },
      }),
    ).toEqual(before);
    expect(await db.webhookDelivery.count({ where: { tenantId: tenant.tenantId } })).toBe(3);
  });
});

describe("tenant isolation", () => {
  it("keeps each workspace's events to itself; B's address refuses A's signature", async () => {
    const a = await telephonyTenant();
    const b = await telephonyTenant();
    const placed = await placeAndSettle(a, 6, () =>
      control.placeCall(a.account.id, { scenario: "incoming", answered_by: "100" }),
    );
    await drain();
    expect(await a.callOf(placed.pbx_call_id)).toMatchObject({
      tenantId: a.tenantId,
      state: "ended",
    });
    expect(await db.webhookDelivery.count({ where: { tenantId: a.tenantId } })).toBe(6);
    const ofB = { where: { tenantId: b.tenantId } };
    const rowsOfB = [
      await db.webhookDelivery.count(ofB),
      await db.call.count(ofB),
      await db.callEvent.count(ofB),
      await db.client.count(ofB),
    ];
    expect(rowsOfB).toEqual([0, 0, 0, 0]);

    // A's notifications (signed with A's secret) sent to B's address.
    const forged = await postForm(b.webhookUrl, startForm("in_cross"), {
      secret: a.credentials.secret,
    });
    expect(forged.status).toBe(401);
    await control.patchAccount(a.account.id, { notification_url: b.webhookUrl });
    const misrouted = await placeAndSettle(a, 4, () =>
      control.placeCall(a.account.id, {
        scenario: "incoming",
        disposition: "no answer",
        ring_seconds: 1,
      }),
    );
    const log = (await control.listNotifications(a.account.id)).filter(
      (delivery) => delivery.pbx_call_id === misrouted.pbx_call_id,
    );
    expect(log.map((delivery) => delivery.status)).toEqual([401, 401, 401, 401]);
    await drain();
    expect(await db.call.count({ where: { tenantId: b.tenantId } })).toBe(0);
    expect(await a.callOf(misrouted.pbx_call_id)).toBeNull();
    expect(
      await db.webhookDelivery.count({
        where: { tenantId: b.tenantId, status: { not: "rejected" } },
      }),
    ).toBe(0);
    expect(await db.webhookDelivery.count({ where: { tenantId: a.tenantId } })).toBe(6);
  });
});

describe("process-telephony-delivery under @inngest/test", () => {
  /** A replayed call's notifications, received and committed but not processed, as the driver's events. */
  async function receivedCall(
    tenant: TTelephonyTenant,
    spec: Parameters<ZadarmaControl["placeCall"]>[1],
    notifications: number,
  ) {
    const call = await placeAndSettle(tenant, notifications, () =>
      control.placeCall(tenant.account.id, spec),
    );
    const events = toDeliveryEvents(
      receiver.dispatched.filter((delivery) => delivery.subjectId === call.pbx_call_id),
    ).map(({ name, data }) => ({ name, data }));
    expect(events).toHaveLength(notifications);
    return { call, events };
  }
  const execute = (event: { name: string; data: Record<string, unknown> }) =>
    new InngestTestEngine({ function: processTelephonyDelivery }).execute({ events: [event] });

  it("folds each notification into the call, marks it processed, and changes nothing when run again", async () => {
    const tenant = await telephonyTenant();
    const { call, events } = await receivedCall(
      tenant,
      { scenario: "incoming", answered_by: "100" },
      6,
    );
    for (const event of events) {
      const output = await execute(event);
      expect(output.error).toBeUndefined();
      expect(output.result).toEqual({
        deliveryId: event.data.deliveryId,
        callId: expect.any(String),
      });
      expect(JSON.stringify(output.result)).not.toContain(tenant.credentials.secret);
      // The caller's phone is in every stored notification; no step result may keep it.
      await expectRunStateWithout(output, [call.caller.replace(/\D/g, "")]);
    }
    const folded = await tenant.callOf(call.pbx_call_id);
    expect(folded).toMatchObject({
      state: "ended",
      disposition: "answered",
      extension: "100",
      membershipId: tenant.ownerMembershipId,
      recordingState: "pending",
    });
    expect((await deliveriesOf(tenant.tenantId)).map((delivery) => delivery.status)).toEqual(
      Array(6).fill("processed"),
    );

    const stored = () =>
      db.call.findUniqueOrThrow({ where: { id: folded!.id }, omit: { updatedAt: true } });
    const before = await stored();
    const rerun = await execute(events[3]!);
    expect(rerun.result).toEqual({ deliveryId: events[3]!.data.deliveryId, callId: folded!.id });
    expect(await stored()).toEqual(before);
    expect(await db.callEvent.count({ where: { callId: folded!.id } })).toBe(6);
  });

  it("fails an unreadable stored form without retrying, and onFailure keeps it as failed with invalid_event", async () => {
    const tenant = await telephonyTenant();
    const { events } = await receivedCall(
      tenant,
      { scenario: "incoming", disposition: "no answer", ring_seconds: 1 },
      4,
    );
    const start = events[0]!;
    const deliveryId = String(start.data.deliveryId);
    const stored = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    await db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { query: { ...(stored.query as Record<string, string>), call_start: "вчера" } },
    });

    const attempt = await new InngestTestEngine({ function: processTelephonyDelivery }).executeStep(
      "apply-call-event",
      { events: [start] },
    );
    expect(attempt.step.op).toBe("StepFailed");
    expect(attempt.error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringMatching(/^invalid_event: call_start/),
    });
    const failure = await runOnFailure(
      processTelephonyDelivery,
      start,
      new StepError("apply-call-event", errors.serializeError(attempt.error)),
    );
    expect(failure.error).toBeUndefined();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject(
      { status: "failed", errorCode: "invalid_event" },
    );
    expect(await db.call.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
  });
});

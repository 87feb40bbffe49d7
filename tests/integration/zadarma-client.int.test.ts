// The Zadarma adapter against the Zadarma emulator over HTTP (docs/telephony-zadarma.md): signed REST
// calls and their answers, every REST fault mapped to a ZadarmaError (reliability R9), and the
// emulator's signed notifications verified and parsed by our code, secret rotation included (R1, R3).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  createZadarmaClient,
  createZadarmaThrottle,
  parseZadarmaNotification,
  statisticsRowToEvent,
  verifyNotificationSignature,
  ZadarmaError,
  type TZadarmaClient,
  type TZadarmaCredentials,
} from "@/server/integrations/zadarma";

import { createZadarmaControl, type ZadarmaControl } from "../../emulators/zadarma/control-client";
import { startZadarmaEmulator, type ZadarmaEmulator } from "../../emulators/zadarma/server";

const NO_WAIT = createZadarmaThrottle({
  general: { burst: Infinity, perMinute: 60 },
  statistics: { burst: Infinity, perMinute: 60 },
  maxWaitMs: 0,
});

type TReceived = { form: Record<string, string>; signature: string | null };

/** A stand-in for our webhook route: answers zd_echo and records every form POST with its Signature. */
const startReceiver = async () => {
  const received: TReceived[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const echo = new URL(request.url ?? "/", "http://receiver.invalid").searchParams.get(
        "zd_echo",
      );
      if (echo !== null) {
        response.writeHead(200, { "content-type": "text/plain" }).end(echo);
        return;
      }
      const signature = request.headers.signature;
      received.push({
        form: Object.fromEntries(new URLSearchParams(body)),
        signature: typeof signature === "string" ? signature : null,
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/zadarma/test-token`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

let emulator: ZadarmaEmulator;
let control: ZadarmaControl;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let credentials: TZadarmaCredentials;
let accountId: string;
let client: TZadarmaClient;

const failureOf = async (promise: Promise<unknown>): Promise<ZadarmaError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ZadarmaError))
    throw new Error(`expected a ZadarmaError, got ${String(error)}`);
  return error;
};

beforeAll(async () => {
  emulator = await startZadarmaEmulator({ port: 0, seedDemo: false });
  control = createZadarmaControl(emulator.url);
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
  await emulator.close();
});

beforeEach(async () => {
  await control.reset();
  const account = await control.createAccount({
    timezone: "Europe/Moscow",
    balance: 100,
    currency: "RUB",
    numbers: ["74951234567"],
    extensions: [
      { number: "100", name: "Смирнова Ольга", online: true },
      { number: "101", name: "Кузнецова Марина", online: false },
    ],
    timings: { record_delay_ms: 0 },
  });
  credentials = { key: account.key, secret: account.secret };
  accountId = account.id;
  client = createZadarmaClient({ baseUrl: emulator.url, throttle: NO_WAIT, timeoutMs: 2_000 });
  receiver.received.length = 0;
});

afterEach(async () => {
  await control.clearRestFaults();
});

describe("Zadarma REST over HTTP", () => {
  it("reads balance, time zone, extensions, names and online status with signed requests", async () => {
    await expect(client.getBalance(credentials)).resolves.toEqual({
      balance: 100,
      currency: "RUB",
    });
    await expect(client.getTimezone(credentials)).resolves.toEqual({ timeZone: "Etc/GMT-3" });
    await expect(client.listExtensions(credentials)).resolves.toMatchObject({
      extensions: ["100", "101"],
    });
    await expect(client.getExtensionInfo(credentials, "100")).resolves.toEqual({
      extension: "100",
      name: "Смирнова Ольга",
    });
    await expect(client.getExtensionStatus(credentials, "100")).resolves.toEqual({
      isOnline: true,
    });
    await expect(client.getExtensionStatus(credentials, "101")).resolves.toEqual({
      isOnline: false,
    });
  });

  it("wrong keys are wrong_keys, an unknown extension not_found", async () => {
    const wrongSecret = client.getBalance({ ...credentials, secret: "another-secret" });
    expect(await failureOf(wrongSecret)).toMatchObject({ code: "wrong_keys", httpStatus: 401 });
    expect(await failureOf(client.getExtensionInfo(credentials, "999"))).toMatchObject({
      code: "not_found",
    });
  });

  it("saves the notification URL through the zd_echo check and sets the notification switches", async () => {
    await client.setNotificationUrl(credentials, receiver.url);
    await client.setNotificationEvents(credentials, {
      notify_start: true,
      notify_internal: true,
      notify_out_start: false,
    });
    const account = await control.getAccount(accountId);
    expect(account.notification_url).toBe(receiver.url);
    expect(account.enabled_events).toContain("NOTIFY_INTERNAL");
    expect(account.enabled_events).not.toContain("NOTIFY_OUT_START");
  });

  it("a callback starts a call; a scripted call's recording and statistics are readable", async () => {
    const { startedAt } = await client.requestCallback(credentials, {
      from: "100",
      to: "79031234501",
    });
    expect(Math.abs(startedAt.getTime() - Date.now())).toBeLessThan(5_000);

    const call = await control.placeCall(accountId, {
      scenario: "incoming",
      caller: "79031234502",
      answered_by: "100",
      talk_seconds: 12,
    });
    const recordingRef = call.recording?.call_id_with_rec ?? "";
    expect(recordingRef).not.toBe("");
    const byRecording = await client.requestRecordingLink(credentials, { recordingRef });
    expect(byRecording.links).toHaveLength(1);
    const audio = await fetch(byRecording.links[0] ?? "");
    expect(audio.status).toBe(200);
    const byCall = await client.requestRecordingLink(credentials, {
      pbxCallId: call.pbx_call_id,
      lifetimeSeconds: 600,
    });
    expect(byCall.links.length).toBeGreaterThan(0);

    const end = new Date(Date.now() + 60_000);
    const { rows, invalidRows } = await client.getPbxStatistics(credentials, {
      start: new Date(end.getTime() - 24 * 3600_000),
      end,
      timeZone: "Europe/Moscow",
    });
    expect(invalidRows).toEqual([]);
    const row = rows.find((candidate) => candidate.pbxCallId === call.pbx_call_id);
    expect(row).toMatchObject({ callId: recordingRef, isRecorded: true, disposition: "answered" });
    const summary = statisticsRowToEvent(row ?? rows[0]!, { timeZone: "Europe/Moscow" });
    expect(summary).toMatchObject({
      kind: "summary",
      direction: "incoming",
      clientPhone: "+79031234502",
      recordingRef,
    });
  });

  it.each([
    [{ mode: "http_error", status: 503 } as const, "server_error", true],
    [{ mode: "rate_limit", retry_after: 7 } as const, "rate_limited", true],
    [{ mode: "malformed_json" } as const, "bad_response", true],
  ])("a REST fault %o → %s", async (fault, code, isRetriable) => {
    await control.addRestFault({ ...fault, times: 1 });
    expect(await failureOf(client.getBalance(credentials))).toMatchObject({ code, isRetriable });
    await expect(client.getBalance(credentials)).resolves.toMatchObject({ balance: 100 });
  });

  it("429 carries Retry-After; a hang times out; no money refuses the callback", async () => {
    await control.addRestFault({ mode: "rate_limit", retry_after: 7, times: 1 });
    expect((await failureOf(client.getBalance(credentials))).retryAfterMs).toBe(7_000);
    await control.addRestFault({ mode: "hang", times: 1 });
    const quick = createZadarmaClient({ baseUrl: emulator.url, throttle: NO_WAIT, timeoutMs: 200 });
    expect(await failureOf(quick.getBalance(credentials))).toMatchObject({
      code: "timeout",
      isRetriable: true,
    });
    await control.addRestFault({ mode: "no_money", times: 1 });
    expect(
      await failureOf(client.requestCallback(credentials, { from: "100", to: "79031234501" })),
    ).toMatchObject({
      code: "no_money",
      isRetriable: false,
    });
  });

  it("a closed port is unreachable", async () => {
    const closed = await startReceiver();
    await closed.close();
    const nowhere = createZadarmaClient({ baseUrl: new URL(closed.url).origin, throttle: NO_WAIT });
    expect(await failureOf(nowhere.getBalance(credentials))).toMatchObject({
      code: "unreachable",
      isRetriable: true,
    });
  });
});

describe("Zadarma notifications over HTTP", () => {
  it("every notification of an answered call verifies and parses into call events", async () => {
    await control.patchAccount(accountId, { notification_url: receiver.url });
    const call = await control.placeCall(accountId, {
      scenario: "incoming",
      caller: "79031234502",
      answered_by: "100",
      talk_seconds: 5,
    });
    const deliveries = await control.waitForNotifications(accountId, { count: 5 });
    expect(deliveries.length).toBeGreaterThanOrEqual(5);

    const events = receiver.received.map(({ form, signature }) => {
      expect(
        verifyNotificationSignature(form, signature, ["previous-secret", credentials.secret]),
      ).toEqual({ ok: true, secretIndex: 1 });
      const parsed = parseZadarmaNotification(form, {
        timeZone: "Europe/Moscow",
        receivedAt: new Date(),
      });
      if (parsed.kind !== "event")
        throw new Error(`expected an event, got ${JSON.stringify(parsed)}`);
      return parsed.event;
    });
    expect(events.map((event) => event.kind)).toEqual([
      "started",
      "ringing",
      "answered",
      "ended",
      "recording_ready",
    ]);
    expect(new Set(events.map((event) => event.providerCallId))).toEqual(
      new Set([call.pbx_call_id]),
    );
    expect(new Set(events.map((event) => event.eventKey)).size).toBe(events.length);
    expect(events[3]).toMatchObject({
      clientPhone: "+79031234502",
      companyNumber: "+74951234567",
      extension: "100",
      disposition: "answered",
    });
    expect(events[4]?.recordingRef).toBe(call.recording?.call_id_with_rec);
  });

  it("a notification signed badly by the emulator's fault fails verification", async () => {
    await control.patchAccount(accountId, { notification_url: receiver.url });
    await control.addWebhookFault(accountId, {
      mode: "bad_signature",
      event: "NOTIFY_START",
      times: 1,
    });
    await control.placeCall(accountId, {
      scenario: "incoming",
      answered_by: "100",
      talk_seconds: 1,
    });
    await control.waitForNotifications(accountId, { count: 5 });
    const start = receiver.received.find(({ form }) => form.event === "NOTIFY_START");
    expect(
      verifyNotificationSignature(start?.form ?? {}, start?.signature ?? null, [
        credentials.secret,
      ]),
    ).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });
});

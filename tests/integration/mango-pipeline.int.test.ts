// Mango Office end to end on the real database (docs/telephony-mango.md): a workspace connected
// through the real domain function (keys checked live against the Mango emulator over HTTP), signed
// events posted to OUR receiver, committed to the same inbox as Zadarma's notifications and drained
// by the same worker into Call and CallEvent; the emulator's lockout rule opening the circuit kept
// on the connection row; a recording's one-time link and a statistics report.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import {
  connectMango,
  storeMangoUsers,
  toMangoCredentials,
} from "@/server/domain/telephony/connect-mango";
import { decryptZadarmaCredentials } from "@/server/domain/telephony/credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { mapTelephonyExtension } from "@/server/domain/telephony/extensions";
import { placeCallback } from "@/server/domain/telephony/place-callback";
import { createVerificationSecretsCache } from "@/server/domain/telephony/verification-secrets-cache";
import { findTelephonyWebhook } from "@/server/domain/telephony/webhook";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { handleMangoWebhook, type TMangoWebhookDeps } from "@/server/http/handle-mango-webhook";
import { MANGO_CIRCUIT_MS, MangoError } from "@/server/integrations/mango";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { createLogger } from "@/server/logging/logger";

import { createMangoControl, type MangoControl } from "../../emulators/mango/control-client";
import { startMangoEmulator, type MangoEmulator } from "../../emulators/mango/server";
import { createTestWorkspace } from "../support/factories";
import { drainInbox } from "../support/klientiks-harness";
import { signedMangoForm } from "../support/mango-sign";
import { createTestDb } from "../support/test-db";
import { createTestTelephonyDeps } from "../support/zadarma-harness";

const db = createTestDb();
let emulator: MangoEmulator;
let control: MangoControl;
let deps: TTelephonyDeps;
let receiver: TMangoWebhookDeps;
const dispatched: TEnqueuedDelivery[] = [];
const CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

const newAccount = async (timings: { stats_ready_ms?: number } = {}) => {
  const account = await control.createAccount({
    numbers: ["74951112233"],
    users: [
      { extension: "101", name: "Анна" },
      { extension: "102", name: "Борис" },
    ],
    timings: { record_delay_ms: 0, ...timings },
  });
  return { accountId: account.id, apiKey: account.key, salt: account.salt };
};

beforeAll(async () => {
  emulator = await startMangoEmulator({ port: 0 });
  control = createMangoControl(emulator.url);
  deps = createTestTelephonyDeps("http://127.0.0.1:9", emulator.url);
  receiver = {
    db,
    endpoints: createWebhookEndpointCache({
      ...CACHE,
      load: (tokenHash, at) => findLiveEndpointByTokenHash(db, tokenHash, at),
    }),
    unknownAddresses: createUnknownAddressLimiter({ db, onError: () => undefined }),
    secrets: createVerificationSecretsCache({ ...CACHE, db, keyring: getEnv().ENCRYPTION_KEYRING }),
    dispatch: async (deliveries) => {
      dispatched.push(...deliveries);
    },
    log: createLogger({ component: "mango-webhook-test" }),
  };
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
  await getDb().$disconnect();
});

const T0 = Math.floor(Date.now() / 1000) - 600;

/** A workspace connected to a VPBX of its own (Mango allows one users list per 2 s per VPBX). */
async function connectWorkspace() {
  const keys = await newAccount({ stats_ready_ms: 60_000 });
  const { owner, tenant } = await createTestWorkspace(db, "Mango");
  const credentials = { apiKey: keys.apiKey, salt: keys.salt };
  const { connectionId, users } = await connectMango(db, deps, {
    tenantId: tenant.id,
    actorUserId: owner.id,
    credentials,
  });
  const webhook = await findTelephonyWebhook(db, deps.keyring, {
    tenantId: tenant.id,
    connectionId,
    appUrl: "https://app.example",
  });
  const token = /\/api\/webhooks\/mango\/([^/]+)\/$/.exec(webhook?.url ?? "")?.[1] ?? "";
  return {
    tenantId: tenant.id,
    ownerId: owner.id,
    connectionId,
    users,
    token,
    url: webhook?.url ?? "",
    keys,
  };
}

type TWorkspace = Awaited<ReturnType<typeof connectWorkspace>>;

const post = async (workspace: TWorkspace, path: string, body: string) => {
  const request = new Request(`${workspace.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const response = await handleMangoWebhook(request, workspace.token, path, receiver);
  return { status: response.status, body: (await response.json()) as unknown };
};

const leg = (callId: string, seq: number, after: number, state: string, to: object) => ({
  entry_id: "ENTRY-1",
  call_id: callId,
  seq,
  timestamp: T0 + after,
  call_state: state,
  location: "abonent",
  from: { number: "79991234567" },
  to,
});

const EVENTS: [string, Record<string, unknown>][] = [
  ["events/call", leg("L1", 1, 2, "Appeared", { extension: "101", line_number: "74951112233" })],
  ["events/call", leg("L1", 2, 6, "Connected", { extension: "101", line_number: "74951112233" })],
  ["events/call", leg("L1", 3, 66, "Disconnected", { extension: "101" })],
  [
    "events/summary",
    {
      entry_id: "ENTRY-1",
      call_direction: 1,
      from: { number: "79991234567" },
      to: { extension: "101" },
      line_number: "74951112233",
      create_time: T0,
      forward_time: T0 + 2,
      talk_time: T0 + 6,
      end_time: T0 + 66,
      entry_result: 1,
      disconnect_reason: 1110,
    },
  ],
  ["events/record/added", { entry_id: "ENTRY-1", recording_id: "REC-1", timestamp: T0 + 70 }],
];

describe("connecting Mango Office", () => {
  it("checks the keys live, stores them encrypted, lists the users, gives the address with a trailing slash", async () => {
    const workspace = await connectWorkspace();
    expect(workspace.users).toEqual([
      { extension: "101", name: "Анна" },
      { extension: "102", name: "Борис" },
    ]);
    expect(workspace.url).toMatch(/^https:\/\/app\.example\/api\/webhooks\/mango\/[^/]+\/$/);
    const row = await db.connection.findFirstOrThrow({
      where: { id: workspace.connectionId, tenantId: workspace.tenantId },
    });
    expect(row).toMatchObject({
      kind: "mango",
      status: "active",
      externalAccount: workspace.keys.apiKey,
    });
    expect(row.credentials).not.toContain(workspace.keys.salt);
    expect(toMangoCredentials(decryptZadarmaCredentials(deps.keyring, row))).toEqual({
      apiKey: workspace.keys.apiKey,
      salt: workspace.keys.salt,
    });
  });

  it("refuses a wrong salt with the page's error, without storing anything", async () => {
    const { owner, tenant } = await createTestWorkspace(db, "Mango wrong");
    const keys = await newAccount();
    const wrong = connectMango(db, deps, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      credentials: { apiKey: keys.apiKey, salt: "not-the-salt" },
    });
    await expect(wrong).rejects.toMatchObject({ code: "MANGO_WRONG_KEYS" });
    expect(await db.connection.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe("Mango events into calls", () => {
  it("events in any order, repeated, become one call through the shared inbox and worker", async () => {
    const workspace = await connectWorkspace();
    const shuffled = [EVENTS[3], EVENTS[1], EVENTS[4], EVENTS[0], EVENTS[2], EVENTS[1], EVENTS[3]];
    for (const event of shuffled) {
      const [path, json] = event ?? ["", {}];
      expect(await post(workspace, path, signedMangoForm(workspace.keys, json))).toEqual({
        status: 200,
        body: { success: true },
      });
    }
    const deliveries = await db.webhookDelivery.findMany({
      where: { tenantId: workspace.tenantId },
      select: { dedupeKey: true, purpose: true, query: true, status: true },
    });
    expect(deliveries.map((delivery) => delivery.dedupeKey).sort()).toEqual([
      "mango:call:L1:1",
      "mango:call:L1:2",
      "mango:call:L1:3",
      "mango:recadded:REC-1",
      "mango:summary:ENTRY-1",
    ]);
    expect(deliveries.every((delivery) => delivery.purpose === "telephony")).toBe(true);
    // The stored form keeps the path and the raw json, never the key or the sign.
    expect(JSON.stringify(deliveries)).not.toContain(workspace.keys.apiKey);

    await drainInbox(db, getKlientiksDeps());
    const call = await db.call.findFirstOrThrow({
      where: { tenantId: workspace.tenantId, providerCallId: "ENTRY-1" },
    });
    expect(call).toMatchObject({
      connectionId: workspace.connectionId,
      direction: "incoming",
      state: "ended",
      clientPhone: "+79991234567",
      companyNumber: "+74951112233",
      extension: "101",
      disposition: "answered",
      startedAt: new Date(T0 * 1000),
      answeredAt: new Date((T0 + 6) * 1000),
      endedAt: new Date((T0 + 66) * 1000),
      talkSeconds: 60,
      recordingRef: "REC-1",
      recordingState: "pending",
    });
    expect(
      await db.callEvent.count({ where: { tenantId: workspace.tenantId, callId: call.id } }),
    ).toBe(5);
  });

  it("answers Mango's connection check, refuses a wrong sign or key, acknowledges unknown paths", async () => {
    const workspace = await connectWorkspace();
    const ok = { status: 200, body: { success: true } };
    expect(await post(workspace, "ping", "")).toEqual(ok);
    expect(await post(workspace, "events/call", "vpbx_api_key=x")).toEqual(ok);
    expect(
      await post(workspace, "events/dtmf", signedMangoForm(workspace.keys, { entry_id: "E" })),
    ).toEqual(ok);
    const json = EVENTS[0]?.[1] ?? {};
    const badSign = signedMangoForm({ apiKey: workspace.keys.apiKey, salt: "wrong" }, json);
    expect((await post(workspace, "events/call", badSign)).status).toBe(401);
    const badKey = signedMangoForm({ apiKey: "other-key", salt: workspace.keys.salt }, json);
    expect((await post(workspace, "events/call", badKey)).status).toBe(401);
    const rejected = await db.webhookDelivery.findMany({
      where: { tenantId: workspace.tenantId },
      select: { status: true, errorCode: true },
    });
    expect(rejected).toEqual([
      { status: "rejected", errorCode: "bad_signature" },
      { status: "rejected", errorCode: "bad_signature" },
    ]);
  });
});

describe("the Mango client against the emulator", () => {
  it("reads a recording's one-time link from the redirect, and a statistics report after a 204", async () => {
    const workspace = await connectWorkspace();
    const account = {
      tenantId: workspace.tenantId,
      connectionId: workspace.connectionId,
      credentials: { apiKey: workspace.keys.apiKey, salt: workspace.keys.salt },
    };
    const placed = await control.placeCall(workspace.keys.accountId, {
      caller: "79990000009",
      script: { outcome: "answered", answered_by: "101", talk_seconds: 5 },
    });
    const recordingId = await vi.waitFor(async () => {
      const call = await control.getCall(workspace.keys.accountId, placed.entry_id);
      if (!call.recording?.ready_at) throw new Error("the recording is not in storage yet");
      return call.recording.recording_id;
    });
    const { links } = await deps.mango.requestRecordingLink(account, recordingId);
    const file = await fetch(links[0] ?? "");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^audio\//);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1_000);

    const key = await deps.mango.requestStats(account, {
      from: new Date(Date.now() - 86_400_000),
      to: new Date(Date.now() + 60_000),
      fields: ["entry_id", "start", "finish"],
    });
    expect(await deps.mango.fetchStatsResult(account, key)).toEqual({ ready: false });
    await control.setClock({ advance_ms: 61_000 });
    try {
      const report = await deps.mango.fetchStatsResult(account, key);
      expect(report.ready && report.csv).toContain(`${placed.entry_id};`);
    } finally {
      await control.setClock({ now: null });
    }
  });

  it("a 401 opens the circuit on the connection row, and no request is sent while it is open", async () => {
    const locked = await newAccount();
    const { owner, tenant } = await createTestWorkspace(db, "Mango lockout");
    const { connectionId } = await connectMango(db, deps, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      credentials: { apiKey: locked.apiKey, salt: locked.salt },
    });
    const line = { tenantId: tenant.id, connectionId };
    const account = { ...line, credentials: { apiKey: locked.apiKey, salt: locked.salt } };
    // Two wrong requests within two minutes: Mango locks the key out (docs/telephony-mango.md §4).
    const wrong = { ...line, credentials: { apiKey: locked.apiKey, salt: "not-the-salt" } };
    for (let attempt = 0; attempt < 2; attempt += 1)
      await expect(deps.mango.listUsers(wrong)).rejects.toMatchObject({ code: "invalid_request" });
    const before = Date.now();
    await expect(deps.mango.listUsers(account)).rejects.toMatchObject({ code: "locked_out" });
    const row = await db.connection.findFirstOrThrow({
      where: { id: connectionId, tenantId: tenant.id },
      select: { circuitOpenUntil: true },
    });
    expect(row.circuitOpenUntil?.getTime()).toBeGreaterThanOrEqual(before + MANGO_CIRCUIT_MS);
    const requestsSoFar = (await control.requests()).length;
    // Another client (another app instance) reads the same circuit from PostgreSQL.
    const otherInstance = createTestTelephonyDeps("http://127.0.0.1:9", emulator.url);
    const refused = await otherInstance.mango.listUsers(account).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MangoError);
    expect(refused).toMatchObject({ code: "circuit_open", isRetriable: false });
    expect((await control.requests()).length).toBe(requestsSoFar);
  });
});

describe("click-to-call through Mango", () => {
  it("sends commands/callback with the click's command_id; a failed result/callback fails the click", async () => {
    const workspace = await connectWorkspace();
    const scope = { tenantId: workspace.tenantId, connectionId: workspace.connectionId };
    await storeMangoUsers(db, scope, workspace.users);
    const membership = await db.membership.findFirstOrThrow({
      where: { tenantId: workspace.tenantId, userId: workspace.ownerId },
      select: { id: true },
    });
    await mapTelephonyExtension(db, {
      ...scope,
      extension: "101",
      membershipId: membership.id,
      actorUserId: workspace.ownerId,
    });
    const click = await placeCallback(db, deps, {
      tenantId: workspace.tenantId,
      membershipId: membership.id,
      request: { phone: "+79990000000", idempotencyKey: "00000000-0000-4000-8000-000000000001" },
    });
    expect(click.status).toBe("ringing_agent");
    const sent = (await control.requests({ accountId: workspace.keys.accountId }))
      .filter((request) => request.command === "commands/callback")
      .at(-1);
    expect(JSON.parse(sent?.json ?? "null")).toEqual({
      command_id: `c2c_${click.id}`,
      from: { extension: "101" },
      to_number: "79990000000",
    });

    const result = { command_id: `c2c_${click.id}`, result: 3100 };
    expect(
      (await post(workspace, "result/callback", signedMangoForm(workspace.keys, result))).status,
    ).toBe(200);
    await drainInbox(db, getKlientiksDeps());
    const row = await db.callbackRequest.findFirstOrThrow({
      where: { id: click.id, tenantId: workspace.tenantId },
      select: { status: true, failureCode: true },
    });
    expect(row).toEqual({ status: "failed", failureCode: "provider_unreachable" });
  });
});

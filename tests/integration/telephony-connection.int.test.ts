// Settings → Telephony and click-to-call against the Zadarma emulator over HTTP (issue 9 §2, §5):
// the live check's reasons, extensions from the PBX, the member mapping, and one call per click (R21).
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { outgoingAnsweredCall } from "@/server/domain/calls/__fixtures__/call-events";
import { applyCallEvents } from "@/server/domain/calls/apply-call-events";
import { hitRateLimit } from "@/server/domain/rate-limit/fixed-window";
import { connectZadarma } from "@/server/domain/telephony/connections";
import {
  decryptZadarmaCredentials,
  verificationSecrets,
} from "@/server/domain/telephony/credentials";
import { clickToCallRule } from "@/server/domain/telephony/place-callback";
import { createZadarmaClient } from "@/server/integrations/zadarma";
import { getTelephonyDeps } from "@/server/telephony-deps";

import { createZadarmaControl, type ZadarmaControl } from "../../emulators/zadarma/control-client";
import { startZadarmaEmulator, type ZadarmaEmulator } from "../../emulators/zadarma/server";
import { codeOf, callerFor as createCallerAs } from "../support/callers";
import { createTestUser, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let emulator: ZadarmaEmulator;
let control: ZadarmaControl;

beforeAll(async () => {
  emulator = await startZadarmaEmulator({ port: 0 });
  control = createZadarmaControl(emulator.url);
  // Read once by the app's configuration, before the first procedure runs.
  process.env.ZADARMA_BASE_URL = emulator.url;
  process.env.ZADARMA_EMULATOR_URL = emulator.url;
});
beforeEach(async () => {
  await control.clearRestFaults();
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

const callerFor = (user: { id: string; name: string; email: string }, slug: string) =>
  createCallerAs(db, user, slug);

/** A workspace, its owner's caller, and a fresh PBX account in the emulator with extensions 100–102 online. */
async function workspaceWithPbx() {
  const { owner, tenant } = await createTestWorkspace(db, "Телефония");
  const account = await control.createAccount({ demo: true });
  const ownerMembership = await db.membership.findFirstOrThrow({
    where: { tenantId: tenant.id, userId: owner.id },
    select: { id: true },
  });
  return {
    tenant,
    owner: callerFor(owner, tenant.slug),
    ownerUserId: owner.id,
    ownerMembershipId: ownerMembership.id,
    account,
  };
}

/** An agent of the workspace, with their own caller. */
async function addAgent(tenantId: string, slug: string) {
  const user = await createTestUser(db, "agent");
  const membership = await db.membership.create({
    data: { id: createId("mbr"), tenantId, userId: user.id, role: "agent" },
    select: { id: true },
  });
  return { caller: callerFor(user, slug), membershipId: membership.id };
}

const callbackRequests = async (accountId: string) =>
  (await control.requests({ accountId })).filter((entry) => entry.method === "request/callback");
describe("connecting Zadarma", () => {
  it("checks good keys live, stores them encrypted, reads the extensions and gives a webhook address", async () => {
    const { tenant, owner, account } = await workspaceWithPbx();
    const connected = await owner.telephony.connect({ key: account.key, secret: account.secret });
    expect(connected.extensions).toBe(3);

    const view = await owner.telephony.connection();
    expect(view).toMatchObject({
      status: "active",
      account: account.key,
      credentialsHint: account.secret.slice(-4),
      rotationOverlapUntil: null,
    });
    expect(view?.settings.timeZone).toEqual(expect.any(String));
    expect(view?.webhook).toMatchObject({
      url: expect.stringMatching(/\/api\/webhooks\/zadarma\/[\w-]{20,}$/),
      confirmedAt: null,
      lastEvent: null,
    });
    expect(JSON.stringify(view)).not.toContain(account.secret);

    const row = await db.connection.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: "zadarma" },
    });
    expect(row.credentials).not.toContain(account.secret);
    expect(decryptZadarmaCredentials(getTelephonyDeps().keyring, row)).toMatchObject({
      key: account.key,
      secret: account.secret,
    });
    expect(
      (await owner.telephony.extensions()).map((extension) => [
        extension.extension,
        extension.isOnline,
        extension.member,
      ]),
    ).toEqual([
      ["100", true, null],
      ["101", true, null],
      ["102", true, null],
    ]);
  });

  it("says the keys are wrong, and saves nothing", async () => {
    const { tenant, owner, account } = await workspaceWithPbx();
    expect(
      await codeOf(owner.telephony.connect({ key: account.key, secret: "0".repeat(20) })),
    ).toBe("ZADARMA_WRONG_KEYS");
    expect(await db.connection.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("says Zadarma is unreachable, or did not answer in time", async () => {
    const { tenant } = await createTestWorkspace(db, "Недоступна");
    const owner = await db.membership.findFirstOrThrow({
      where: { tenantId: tenant.id },
      select: { userId: true },
    });
    const { keyring, mango } = getTelephonyDeps();
    const credentials = { key: "a".repeat(20), secret: "b".repeat(20) };
    const unreachable = {
      keyring,
      mango,
      zadarma: createZadarmaClient({ baseUrl: "http://127.0.0.1:9" }),
    };
    expect(
      await codeOf(
        connectZadarma(db, unreachable, {
          tenantId: tenant.id,
          actorUserId: owner.userId,
          credentials,
        }),
      ),
    ).toBe("ZADARMA_UNREACHABLE");

    const account = await control.createAccount({ demo: true });
    await control.addRestFault({ mode: "hang", match: { account_id: account.id }, times: 1 });
    const impatient = {
      keyring,
      mango,
      zadarma: createZadarmaClient({ baseUrl: emulator.url, timeoutMs: 300 }),
    };
    const hung = connectZadarma(db, impatient, {
      tenantId: tenant.id,
      actorUserId: owner.userId,
      credentials: { key: account.key, secret: account.secret },
    });
    expect(await codeOf(hung)).toBe("ZADARMA_TIMEOUT");
    expect(await db.connection.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("rotates the secret: checked live, the old one verifies for 72 h more or until revoked, each step audited (R3)", async () => {
    const { tenant, owner, ownerUserId, account } = await workspaceWithPbx();
    await owner.telephony.connect({ key: account.key, secret: account.secret });
    expect(await codeOf(owner.telephony.rotateSecret({ secret: "f".repeat(20) }))).toBe(
      "ZADARMA_WRONG_KEYS",
    );

    const newSecret = "0a1b2c3d4e5f6a7b8c9d";
    await control.patchAccount(account.id, { secret: newSecret });
    const rotated = await owner.telephony.rotateSecret({ secret: newSecret });
    expect(rotated.rotationOverlapUntil!.getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);

    const row = await db.connection.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: "zadarma" },
    });
    const stored = decryptZadarmaCredentials(getTelephonyDeps().keyring, row);
    expect(verificationSecrets(stored, new Date())).toEqual([newSecret, account.secret]);
    expect(verificationSecrets(stored, new Date(Date.now() + 73 * 3_600_000))).toEqual([newSecret]);
    expect(await owner.telephony.connection()).toMatchObject({
      credentialsHint: newSecret.slice(-4),
    });

    await owner.telephony.revokePreviousSecret();
    const revoked = decryptZadarmaCredentials(
      getTelephonyDeps().keyring,
      await db.connection.findFirstOrThrow({ where: { tenantId: tenant.id, kind: "zadarma" } }),
    );
    expect(verificationSecrets(revoked, new Date())).toEqual([newSecret]);
    expect(await owner.telephony.connection()).toMatchObject({ rotationOverlapUntil: null });

    // The refused secret changed nothing, so it left no trace.
    const audited = { actorUserId: ownerUserId, targetType: "connection", targetId: row.id };
    expect(
      await db.auditLog.findMany({
        where: { tenantId: tenant.id, targetType: "connection" },
        orderBy: { createdAt: "asc" },
        select: { action: true, actorUserId: true, targetType: true, targetId: true, data: true },
      }),
    ).toEqual([
      { action: "telephony.connected", ...audited, data: {} },
      {
        action: "telephony.secret_rotated",
        ...audited,
        data: { previousSecretUntil: stored.previousSecretUntil },
      },
      { action: "telephony.previous_secret_revoked", ...audited, data: {} },
    ]);
  });

  it("connects the emulator's demo account helper with a fresh account per workspace", async () => {
    const first = await workspaceWithPbx();
    const second = await workspaceWithPbx();
    const a = await first.owner.telephony.connectEmulatorDemoAccount();
    const b = await second.owner.telephony.connectEmulatorDemoAccount();
    expect(a.account).not.toBe(b.account);
    expect(a.extensions).toBe(3);
  });
});

describe("extensions and the member mapping", () => {
  it("refreshes from the PBX: new extensions, online flags", async () => {
    const { owner, account } = await workspaceWithPbx();
    await owner.telephony.connect({ key: account.key, secret: account.secret });
    await control.addExtension(account.id, { number: "103", name: "Новая линия", online: false });
    await control.patchExtension(account.id, "101", { online: false });
    expect(await owner.telephony.refreshExtensions()).toEqual({ count: 4 });
    const extensions = await owner.telephony.extensions();
    expect(
      extensions.map((extension) => [extension.extension, extension.name, extension.isOnline]),
    ).toEqual([
      ["100", expect.any(String), true],
      ["101", expect.any(String), false],
      ["102", expect.any(String), true],
      ["103", "Новая линия", false],
    ]);
  });

  it("maps one extension per member, moves a member, and refuses another workspace's member", async () => {
    const { owner, ownerMembershipId, account } = await workspaceWithPbx();
    await owner.telephony.connect({ key: account.key, secret: account.secret });
    await owner.telephony.mapExtension({ extension: "100", membershipId: ownerMembershipId });
    await owner.telephony.mapExtension({ extension: "101", membershipId: ownerMembershipId });
    const mapped = (await owner.telephony.extensions()).filter((extension) => extension.member);
    expect(
      mapped.map((extension) => [extension.extension, extension.member?.membershipId]),
    ).toEqual([["101", ownerMembershipId]]);

    const other = await workspaceWithPbx();
    expect(
      await codeOf(
        owner.telephony.mapExtension({ extension: "100", membershipId: other.ownerMembershipId }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        owner.telephony.mapExtension({ extension: "999", membershipId: ownerMembershipId }),
      ),
    ).toBe("NOT_FOUND");
    await owner.telephony.mapExtension({ extension: "101", membershipId: null });
    expect((await owner.telephony.extensions()).some((extension) => extension.member)).toBe(false);
  });
});

describe("click-to-call", () => {
  async function readyToCall() {
    const world = await workspaceWithPbx();
    await world.owner.telephony.connect({ key: world.account.key, secret: world.account.secret });
    await world.owner.telephony.mapExtension({
      extension: "100",
      membershipId: world.ownerMembershipId,
    });
    return world;
  }

  it("places one call for a double click and a retried request with the same key (R21)", async () => {
    const { tenant, owner, ownerMembershipId, account } = await readyToCall();
    const idempotencyKey = randomUUID();
    const [first, second] = await Promise.all([
      owner.telephony.placeCall({ phone: "+7 999 123-45-67", idempotencyKey }),
      owner.telephony.placeCall({ phone: "+7 999 123-45-67", idempotencyKey }),
    ]);
    const retried = await owner.telephony.placeCall({ phone: "8 999 123 45 67", idempotencyKey });
    expect(second.id).toBe(first.id);
    expect(retried.id).toBe(first.id);
    expect(retried).toMatchObject({
      status: "ringing_agent",
      extension: "100",
      toPhone: "+79991234567",
      failureCode: null,
    });
    const placed = await callbackRequests(account.id);
    expect(placed).toHaveLength(1);
    expect(placed[0]!.path).toMatch(/from=100/);
    expect(placed[0]!.path).toMatch(/to=79991234567/);
    expect(await owner.telephony.callbackStatus({ id: first.id })).toMatchObject({
      id: first.id,
      status: "ringing_agent",
    });
    // The step goes live to the member alone, once: the repeats placed nothing.
    const events = await db.realtimeEvent.findMany({
      where: { tenantId: tenant.id, topic: "callback.status" },
      select: { membershipId: true, payload: true },
    });
    expect(events).toEqual([{ membershipId: ownerMembershipId, payload: { id: first.id } }]);
  });

  it("refuses the same key for another number (R21)", async () => {
    const { owner } = await readyToCall();
    const idempotencyKey = randomUUID();
    await owner.telephony.placeCall({ phone: "+79991234567", idempotencyKey });
    expect(await codeOf(owner.telephony.placeCall({ phone: "+79997654321", idempotencyKey }))).toBe(
      "CALL_KEY_REUSED",
    );
  });

  it("says a member without an extension has none, and an offline extension is offline, without asking for a call", async () => {
    const { tenant, owner, account } = await readyToCall();
    const agent = await addAgent(tenant.id, tenant.slug);
    expect(await agent.caller.telephony.callSetup()).toEqual({
      isConnected: true,
      extension: null,
    });
    expect(
      await codeOf(
        agent.caller.telephony.placeCall({ phone: "+79991234567", idempotencyKey: randomUUID() }),
      ),
    ).toBe("CALL_NO_EXTENSION");

    await control.patchExtension(account.id, "100", { online: false });
    expect(
      await codeOf(
        owner.telephony.placeCall({ phone: "+79991234567", idempotencyKey: randomUUID() }),
      ),
    ).toBe("CALL_EXTENSION_OFFLINE");
    expect(await callbackRequests(account.id)).toHaveLength(0);
  });

  it("records no money as the call's failure", async () => {
    const { owner, account } = await readyToCall();
    await control.addRestFault({
      mode: "no_money",
      match: { account_id: account.id, method: "request/callback" },
      times: 1,
    });
    const request = await owner.telephony.placeCall({
      phone: "+79991234567",
      idempotencyKey: randomUUID(),
    });
    expect(request).toMatchObject({ status: "failed", failureCode: "no_money" });
  });

  it("refuses a wrong number with its field", async () => {
    const { owner } = await readyToCall();
    const refused = await owner.telephony
      .placeCall({ phone: "12345", idempotencyKey: randomUUID() })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(refused)).toContain("phoneInvalid");
  });

  it("limits a member's calls per minute across instances; a repeated click still gets its call", async () => {
    const { tenant, owner, ownerMembershipId, account } = await readyToCall();
    const idempotencyKey = randomUUID();
    const placed = await owner.telephony.placeCall({ phone: "+79991234567", idempotencyKey });
    const rule = clickToCallRule({ tenantId: tenant.id, membershipId: ownerMembershipId });
    // Other app instances' calls fill the member's window in the shared counter.
    while (!(await hitRateLimit(db, rule)).isLimited);
    expect(
      await codeOf(
        owner.telephony.placeCall({ phone: "+79991234567", idempotencyKey: randomUUID() }),
      ),
    ).toBe("RATE_LIMITED");
    expect(
      await owner.telephony.placeCall({ phone: "+79991234567", idempotencyKey }),
    ).toMatchObject({ id: placed.id });
    expect(await callbackRequests(account.id)).toHaveLength(1);
  });

  it("follows the call the provider's notifications tie to the click: calling the client, then ended with its disposition", async () => {
    const { tenant, owner } = await readyToCall();
    const placed = await owner.telephony.placeCall({
      phone: "+79991234567",
      idempotencyKey: randomUUID(),
    });
    const connection = await db.connection.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: "zadarma" },
      select: { id: true },
    });
    const [outStarted, ended] = outgoingAnsweredCall({
      providerCallId: `out_${randomUUID()}`,
      startedAt: new Date(),
      clientPhone: "+79991234567",
      extension: "100",
    });
    const apply = (events: NonNullable<typeof outStarted>[]) =>
      applyCallEvents(db, {
        tenantId: tenant.id,
        connectionId: connection.id,
        deliveryId: null,
        events,
      });

    await apply([outStarted!]);
    expect(await owner.telephony.callbackStatus({ id: placed.id })).toMatchObject({
      status: "calling_client",
      callId: expect.any(String),
      disposition: null,
    });
    await apply([ended!]);
    expect(await owner.telephony.callbackStatus({ id: placed.id })).toMatchObject({
      status: "ended",
      disposition: "answered",
    });
  });

  it("shows a member only their own calls", async () => {
    const { tenant, owner } = await readyToCall();
    const placed = await owner.telephony.placeCall({
      phone: "+79991234567",
      idempotencyKey: randomUUID(),
    });
    const agent = await addAgent(tenant.id, tenant.slug);
    expect(await codeOf(agent.caller.telephony.callbackStatus({ id: placed.id }))).toBe(
      "NOT_FOUND",
    );
    const stranger = await workspaceWithPbx();
    expect(await codeOf(stranger.owner.telephony.callbackStatus({ id: placed.id }))).toBe(
      "NOT_FOUND",
    );
  });
});

// Dead Zadarma credentials stop the line (reliability R19), against the emulator over HTTP: once
// Zadarma refuses the stored secret (to an import, a recording fetch or a click-to-call), the
// connection needs attention, imports and recording fetches stop calling Zadarma (counted in the
// emulator's own request log), the settings page says why, and saving the new secret starts the
// line again with an import of what was missed.
import { randomBytes, randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "@/server/api/root";
import { getDb } from "@/server/db/client";
import { startBackfill } from "@/server/domain/inbox/backfill-jobs";
import { fetchDueRecordings } from "@/server/domain/telephony/background-work";
import { rotateTelephonySecret } from "@/server/domain/telephony/connections";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { placeCallback } from "@/server/domain/telephony/place-callback";
import {
  listNextStatisticsPage,
  startDueTelephonyReconciliations,
} from "@/server/domain/telephony/statistics-sync";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { createLogger } from "@/server/logging/logger";

import { createZadarmaControl, type ZadarmaControl } from "../../emulators/zadarma/control-client";
import { startZadarmaEmulator, type ZadarmaEmulator } from "../../emulators/zadarma/server";
import { createCall, createTestWorkspace } from "../support/factories";
import { drainInbox } from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";
import {
  connectTelephonyTenant,
  createTestTelephonyDeps,
  startTelephonyReceiver,
  type TTelephonyReceiver,
  type TTelephonyTenant,
} from "../support/zadarma-harness";

const db = createTestDb();
let emulator: ZadarmaEmulator;
let control: ZadarmaControl;
let deps: TTelephonyDeps;
let receiver: TTelephonyReceiver;
const tenantIds: string[] = [];

beforeAll(async () => {
  emulator = await startZadarmaEmulator({ port: 0 });
  control = createZadarmaControl(emulator.url);
  deps = createTestTelephonyDeps(emulator.url);
  receiver = await startTelephonyReceiver(db);
});
afterAll(async () => {
  // Other files fetch the due recordings of every workspace and must not get these made-up calls.
  await db.call.updateMany({
    where: { tenantId: { in: tenantIds }, recordingState: "pending" },
    data: { recordingState: "none", recordingDueAt: null },
  });
  await receiver.close();
  await emulator.close();
  await db.$disconnect();
  await getDb().$disconnect();
});

async function connectedTenant(): Promise<TTelephonyTenant> {
  const { owner, tenant } = await createTestWorkspace(db, "Телефония");
  tenantIds.push(tenant.id);
  return connectTelephonyTenant(db, control, deps, receiver, {
    workspace: { tenantId: tenant.id, ownerId: owner.id },
  });
}

/** A call of the tenant whose recording is due, first in line whatever other files left pending. */
const callWithDueRecording = (tenant: TTelephonyTenant) =>
  createCall(
    db,
    { tenantId: tenant.tenantId, connectionId: tenant.connectionId },
    {
      recordingState: "pending",
      recordingDueAt: new Date(Date.now() - 365 * 86_400_000),
      endedAt: new Date(),
    },
  );

/** The secret Zadarma now signs with: the one we store is refused from here on. */
async function regenerateSecretInZadarma(tenant: TTelephonyTenant) {
  const secret = randomBytes(16).toString("hex");
  await control.patchAccount(tenant.account.id, { secret });
  return secret;
}

/** Requests the emulator saw with the tenant's key, whether it verified or not. */
const requestCount = async (tenant: TTelephonyTenant) =>
  (await control.requests({ accountId: tenant.account.id })).length;
const connectionOf = (tenant: TTelephonyTenant) =>
  db.connection.findUniqueOrThrow({
    where: { id: tenant.connectionId },
    select: { status: true, lastError: true },
  });

/** What Settings → Telephony reads for its banner, as the workspace owner. */
async function settingsPageConnection(tenant: TTelephonyTenant) {
  const owner = await db.user.findUniqueOrThrow({ where: { id: tenant.ownerId } });
  const { slug } = await db.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } });
  return createCaller({
    db,
    user: { id: owner.id, name: owner.name, email: owner.email },
    unverifiedTenantSlug: slug,
    headers: new Headers(),
    log: createLogger(),
  }).telephony.connection();
}

const listPage = (tenant: TTelephonyTenant, jobId: string) =>
  listNextStatisticsPage(db, deps, { tenantId: tenant.tenantId, jobId });

describe("dead Zadarma credentials (R19)", () => {
  it("stops the line on a refused key: no import or recording fetch calls Zadarma, the settings page says why, and the new secret resumes it with what was missed", async () => {
    const tenant = await connectedTenant();
    const recordingCall = await callWithDueRecording(tenant);
    const newSecret = await regenerateSecretInZadarma(tenant);

    const refusedImport = await startBackfill(db, {
      tenantId: tenant.tenantId,
      connectionId: tenant.connectionId,
      since: new Date(Date.now() - 86_400_000),
    });
    await expect(listPage(tenant, refusedImport.id)).rejects.toMatchObject({ code: "wrong_keys" });
    expect(await connectionOf(tenant)).toEqual({
      status: "needs_attention",
      lastError: "wrong_keys",
    });
    expect(await settingsPageConnection(tenant)).toMatchObject({
      status: "needs_attention",
      lastError: "wrong_keys",
    });

    // While it is stopped: a call whose notifications no longer verify, and every background run.
    const missedCall = await control.placeCall(tenant.account.id, {
      scenario: "incoming",
      answered_by: "100",
    });
    await tenant.settle(6);
    const before = await requestCount(tenant);
    const nextImport = await startBackfill(db, {
      tenantId: tenant.tenantId,
      connectionId: tenant.connectionId,
      since: new Date(Date.now() - 86_400_000),
    });
    expect(await listPage(tenant, nextImport.id)).toEqual([]);
    await startDueTelephonyReconciliations(db, new Date(Date.now() + 2 * 86_400_000));
    await fetchDueRecordings(db, deps);
    expect(await requestCount(tenant)).toBe(before);
    expect(await db.backfillJob.findUniqueOrThrow({ where: { id: nextImport.id } })).toMatchObject({
      status: "failed",
      error: "connection_needs_attention",
    });
    expect(
      await db.backfillJob.count({
        where: { connectionId: tenant.connectionId, status: "running" },
      }),
    ).toBe(0);
    expect(await db.call.findUniqueOrThrow({ where: { id: recordingCall.id } })).toMatchObject({
      recordingState: "pending",
      recordingAttempts: 0,
    });
    expect(await tenant.callOf(missedCall.pbx_call_id)).toBeNull();

    const rotated = await rotateTelephonySecret(db, deps, {
      tenantId: tenant.tenantId,
      actorUserId: tenant.ownerId,
      secret: newSecret,
    });
    expect(await connectionOf(tenant)).toEqual({ status: "active", lastError: null });
    const catchUp = rotated.catchUpImport;
    if (!catchUp) throw new Error("saving the new secret started no catch-up import");
    const resumedAt = await requestCount(tenant);
    expect(await listPage(tenant, catchUp.id)).toEqual([
      expect.objectContaining({ subjectId: missedCall.pbx_call_id }),
    ]);
    await drainInbox(db, getKlientiksDeps());
    expect(await tenant.callOf(missedCall.pbx_call_id)).toMatchObject({ state: "ended" });
    await fetchDueRecordings(db, deps);
    expect(await requestCount(tenant)).toBeGreaterThan(resumedAt + 1);
    expect(
      (await db.call.findUniqueOrThrow({ where: { id: recordingCall.id } })).recordingAttempts,
    ).toBe(1);
  });

  it("stops the line when a click-to-call is refused too", async () => {
    const tenant = await connectedTenant();
    await regenerateSecretInZadarma(tenant);

    const click = placeCallback(db, deps, {
      tenantId: tenant.tenantId,
      membershipId: tenant.ownerMembershipId,
      request: { phone: "+79990001111", idempotencyKey: randomUUID() },
    });

    await expect(click).rejects.toMatchObject({ code: "ZADARMA_WRONG_KEYS" });
    expect(await connectionOf(tenant)).toEqual({
      status: "needs_attention",
      lastError: "wrong_keys",
    });
  });

  it("stops the line when a recording fetch is refused too", async () => {
    const tenant = await connectedTenant();
    await callWithDueRecording(tenant);
    await regenerateSecretInZadarma(tenant);

    await fetchDueRecordings(db, deps);

    expect(await connectionOf(tenant)).toEqual({
      status: "needs_attention",
      lastError: "wrong_keys",
    });
  });
});

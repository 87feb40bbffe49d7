// The wizard's development helper (issue 8, A5): each workspace gets a demo salon account of its own
// in the emulator, its credentials are stored server-side, and no answer carries a full token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "@/server/api/root";
import { decryptKlientiksCredentials } from "@/server/domain/klientiks/credentials";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { createLogger } from "@/server/logging/logger";

import type { KlientiksEmulator } from "../../emulators/klientiks/server";
import { createTestWorkspace } from "../support/factories";
import { startEmulatorForTests } from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let emulator: KlientiksEmulator;

beforeAll(async () => {
  ({ emulator } = await startEmulatorForTests());
  process.env.KLIENTIKS_EMULATOR_URL = emulator.url;
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

/** The tRPC procedures exactly as the browser reaches them, for the workspace's owner. */
async function ownerOfNewWorkspace() {
  const { owner, tenant } = await createTestWorkspace(db, "Демо");
  const caller = createCaller({
    db,
    user: { id: owner.id, name: owner.name, email: owner.email },
    unverifiedTenantSlug: tenant.slug,
    headers: new Headers(),
    log: createLogger(),
  });
  return { tenant, caller };
}

async function storedCredentials(tenantId: string) {
  const connection = await db.connection.findFirstOrThrow({
    where: { tenantId, kind: "klientiks" },
    select: { id: true, tenantId: true, credentials: true },
  });
  return decryptKlientiksCredentials(getKlientiksDeps().keyring, connection);
}

describe("the emulator demo account helper", () => {
  it("gives two workspaces two different accounts, stored server-side, and never answers with a full token", async () => {
    const first = await ownerOfNewWorkspace();
    const second = await ownerOfNewWorkspace();
    expect(await first.caller.klientiks.emulatorHelpers()).toEqual({ isAvailable: true });

    const answers: unknown[] = [];
    const connectedFirst = await first.caller.klientiks.connectEmulatorDemoAccount({
      name: "Демо-салон (эмулятор)",
    });
    const connectedSecond = await second.caller.klientiks.connectEmulatorDemoAccount({
      name: "Демо-салон (эмулятор)",
    });
    answers.push(
      connectedFirst,
      connectedSecond,
      await first.caller.klientiks.connection(),
      await second.caller.klientiks.connection(),
    );

    const firstCredentials = await storedCredentials(first.tenant.id);
    const secondCredentials = await storedCredentials(second.tenant.id);
    expect(firstCredentials.accountId).not.toBe(secondCredentials.accountId);
    expect(firstCredentials.accessToken).not.toBe(secondCredentials.accessToken);
    expect(connectedFirst).toMatchObject({
      accountId: firstCredentials.accountId,
      tokenHint: firstCredentials.accessToken.slice(-4),
    });

    const answered = JSON.stringify(answers);
    for (const token of [firstCredentials.accessToken, secondCredentials.accessToken])
      expect(answered).not.toContain(token);
  });

  it("seeds the workspace's account with the demo salon, so the history import has visits to bring", async () => {
    const { tenant, caller } = await ownerOfNewWorkspace();
    await caller.klientiks.connectEmulatorDemoAccount({ name: "Демо-салон (эмулятор)" });
    const { accountId } = await storedCredentials(tenant.id);
    const appointments = (await fetch(
      `${emulator.url}/__control/accounts/${accountId}/appointments`,
    ).then((response) => response.json())) as unknown[];
    expect(appointments.length).toBeGreaterThan(10);
  });
});

import { randomBytes } from "node:crypto";

import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { callSearchTextOf } from "@/server/domain/calls/call-search-text";
import { createSecretToken, hashSecretToken } from "@/server/domain/invites/invite-token";
import { createTenant } from "@/server/domain/tenants/create-tenant";
import { registerUser } from "@/server/domain/users/register-user";

const suffix = () => randomBytes(4).toString("hex");

export const createTestUser = (db: TDb, name = "Тест") =>
  registerUser(db, {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, "")}-${suffix()}@int.svyaz.test`,
    password: "integration-password",
  });

export async function createTestWorkspace(db: TDb, name = "Workspace") {
  const owner = await createTestUser(db, "owner");
  const tenant = await createTenant(db, {
    userId: owner.id,
    request: { name: `${name} ${suffix()}`, timezone: "Europe/Moscow", currency: "RUB" },
  });
  return { owner, tenant };
}

/**
 * A workspace with an active Klientiks connection (no account behind it) and the secret token of
 * its deals address, for tests of the webhook receiver alone.
 */
export async function createTestKlientiksAddress(db: TDb, name = "Салон") {
  const { owner, tenant } = await createTestWorkspace(db, name);
  const connection = await db.connection.create({
    data: {
      id: createId("con"),
      tenantId: tenant.id,
      kind: "klientiks",
      name: "Клиентикс",
      credentials: "-",
      credentialsHint: "-",
      externalAccount: createSecretToken().slice(0, 12),
      status: "active",
    },
  });
  const token = createSecretToken();
  const endpoint = await db.webhookEndpoint.create({
    data: {
      id: createId("whe"),
      tenantId: tenant.id,
      connectionId: connection.id,
      purpose: "deals",
      tokenHash: hashSecretToken(token),
      tokenCiphertext: "-",
    },
    select: { id: true, tenantId: true, connectionId: true, purpose: true, retiresAt: true },
  });
  return { tenantId: tenant.id, slug: tenant.slug, owner, token, endpoint };
}

/** A Klientiks connection row for tests that seed deals or leads directly (no account behind it). */
export const createTestKlientiksConnection = (db: TDb, tenantId: string) =>
  db.connection.create({
    data: {
      id: createId("con"),
      tenantId,
      kind: "klientiks",
      name: "Клиентикс",
      credentials: "v1.test",
      credentialsHint: "test",
      externalAccount: "1",
    },
  });

/** A Zadarma connection row for tests that insert calls directly (the credentials are not a real envelope). */
export const createTestTelephonyConnection = (db: TDb, tenantId: string) =>
  db.connection.create({
    data: {
      id: createId("con"),
      tenantId,
      kind: "zadarma",
      name: "Zadarma",
      credentials: "v1.test",
      credentialsHint: "test",
      externalAccount: "zd-test",
      status: "active",
    },
  });

export type TDealSeed = Partial<Omit<Prisma.DealUncheckedCreateInput, "tenantId" | "connectionId">>;

/** A deal row with the columns the Klientiks upsert always fills, for tests that seed deals directly. */
export const createTestDeal = (
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
  seed: TDealSeed = {},
) =>
  db.deal.create({
    data: {
      id: createId("deal"),
      externalId: `appointment-${suffix()}`,
      name: "Стрижка",
      amountMinor: 250_000,
      currency: "RUB",
      status: "1",
      stage: "Записан",
      stageGroup: "in_work",
      stageOrder: 0,
      ...seed,
      tenantId,
      connectionId,
    },
  });

export type TCallSeed = Partial<
  Omit<Prisma.CallUncheckedCreateInput, "tenantId" | "connectionId">
> & { clientName?: string | null };

/**
 * A call row as the fold would leave it: an ended incoming call answered at once unless told
 * otherwise, its `searchText` written the way the table search reads it.
 */
export async function createCall(
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
  { clientName = null, ...seed }: TCallSeed = {},
) {
  const startedAt = seed.startedAt ? new Date(seed.startedAt) : new Date();
  const clientPhone = seed.clientPhone === undefined ? "+79991234567" : seed.clientPhone;
  return db.call.create({
    data: {
      id: createId("call"),
      providerCallId: `pbx-${suffix()}`,
      direction: "incoming",
      state: "ended",
      disposition: "answered",
      rawDisposition: "answered",
      answeredAt: new Date(startedAt.getTime() + 5_000),
      endedAt: new Date(startedAt.getTime() + 65_000),
      waitSeconds: 5,
      talkSeconds: 60,
      companyNumber: "+74950000000",
      extension: "100",
      ...seed,
      tenantId,
      connectionId,
      startedAt,
      clientPhone,
      searchText: seed.searchText ?? callSearchTextOf({ clientName, clientPhone }),
    },
  });
}

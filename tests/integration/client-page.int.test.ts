// The client page's data (`clients.detail`): the client's calls as the calls table shows them, their
// visits with stage and amount, newest first; another workspace's client is not found.
import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { findClientDetail } from "@/server/domain/clients/find-client-detail";

import {
  createCall,
  createTestTelephonyConnection,
  createTestWorkspace,
} from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

describe("client page", () => {
  it("shows the client's calls with status and employee, and their visits with stage and amount", async () => {
    const { tenant, owner } = await createTestWorkspace(db, "Клиентская");
    const telephony = await createTestTelephonyConnection(db, tenant.id);
    const klientiks = await db.connection.create({
      data: {
        id: createId("con"),
        tenantId: tenant.id,
        kind: "klientiks",
        name: "Клиентикс",
        credentials: "v1.test",
        credentialsHint: "test",
        externalAccount: "1",
      },
    });
    const ownerMembership = await db.membership.findFirstOrThrow({
      where: { tenantId: tenant.id, userId: owner.id },
    });
    const client = await db.client.create({
      data: {
        id: createId("cli"),
        tenantId: tenant.id,
        phone: "+79031234501",
        name: "Вера Ёлкина",
        klientiksClientId: "501",
      },
    });
    const scope = { tenantId: tenant.id, connectionId: telephony.id };
    const missed = await createCall(db, scope, {
      clientId: client.id,
      clientPhone: client.phone,
      disposition: "no_answer",
      answeredAt: null,
      startedAt: new Date("2026-11-01T09:00:00Z"),
    });
    const callback = await createCall(db, scope, {
      clientId: client.id,
      clientPhone: client.phone,
      direction: "outgoing",
      membershipId: ownerMembership.id,
      startedAt: new Date("2026-11-01T09:20:00Z"),
    });
    await createCall(db, scope, {
      clientPhone: "+79990000000",
      startedAt: new Date("2026-11-01T09:30:00Z"),
    });
    await db.deal.create({
      data: {
        id: createId("deal"),
        tenantId: tenant.id,
        connectionId: klientiks.id,
        clientId: client.id,
        externalId: "9001",
        name: "Стрижка",
        amountMinor: 250_000,
        currency: "RUB",
        status: "finished",
        stage: "finished",
        stageGroup: "won",
        stageOrder: 4,
        visitStartAt: new Date("2026-11-02T10:00:00Z"),
        crmCreatedAt: new Date("2026-11-01T09:25:00Z"),
      },
    });

    const detail = await findClientDetail(db, { tenantId: tenant.id, clientId: client.id });
    expect(detail?.client).toMatchObject({
      name: "Вера Ёлкина",
      phone: "+79031234501",
      klientiksClientId: "501",
    });
    expect(
      detail?.calls.map((call) => [call.id, call.status, call.employeeName, call.clientName]),
    ).toEqual([
      [callback.id, "answered", owner.name, "Вера Ёлкина"],
      [missed.id, "missed", null, "Вера Ёлкина"],
    ]);
    expect(detail?.deals).toMatchObject([
      {
        name: "Стрижка",
        stage: "finished",
        stageGroup: "won",
        amountMinor: 250_000,
        currency: "RUB",
      },
    ]);
    expect(detail?.leads).toEqual([]);

    const stranger = await createTestWorkspace(db, "Чужая");
    expect(
      await findClientDetail(db, { tenantId: stranger.tenant.id, clientId: client.id }),
    ).toBeNull();
  });
});

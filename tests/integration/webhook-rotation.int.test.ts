// Replacing a Klientiks webhook address (reliability R4): the old token keeps working for 72 h,
// then answers like an unknown one; an admin can stop it early; the settings show which token
// last received traffic.
import { afterEach, describe, expect, it } from "vitest";

import { findWebhookUrls } from "@/server/domain/webhooks/endpoints";
import {
  findLiveWebhookEndpoints,
  revokeReplacedWebhookEndpoints,
  rotateWebhookEndpoint,
  ROTATION_OVERLAP_MS,
} from "@/server/domain/webhooks/rotate-webhook-endpoint";

import { setUpKlientiksWorldPerTest, type TKlientiksWorld } from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let world: TKlientiksWorld;

setUpKlientiksWorldPerTest(db, { onWorld: (created) => (world = created) });

// These deliveries only prove acceptance; other files drain the shared inbox and must not get them.
afterEach(async () => {
  await db.webhookDelivery.deleteMany({ where: { tenantId: world.tenantId } });
});

const tokenOf = (url: string) => new URL(url).pathname.split("/").pop() ?? "";

async function currentDealsToken() {
  const urls = await findWebhookUrls(db, world.deps.keyring, {
    tenantId: world.tenantId,
    connectionId: world.connectionId,
    appUrl: "http://svyaz.test",
  });
  const deals = urls.filter((url) => url.purpose === "deals");
  expect(deals).toHaveLength(1);
  return tokenOf(deals[0]!.url);
}

const rotate = (now: Date) =>
  rotateWebhookEndpoint(db, world.deps.keyring, {
    tenantId: world.tenantId,
    connectionId: world.connectionId,
    purpose: "deals",
    actorUserId: world.owner.id,
    now,
  });

describe("webhook address rotation", () => {
  it("keeps the old address working for 72 hours next to the new one, then refuses it like an unknown token", async () => {
    const oldToken = world.token;
    const rotatedAt = new Date();
    const { previousRetiresAt } = await rotate(rotatedAt);
    expect(previousRetiresAt.getTime() - rotatedAt.getTime()).toBe(ROTATION_OVERLAP_MS);
    const newToken = await currentDealsToken();
    expect(newToken).not.toBe(oldToken);

    const justBefore = new Date(previousRetiresAt.getTime() - 1000);
    expect(
      await world.deliver(
        { appointment_id: "101", status: "1" },
        { token: oldToken, receivedAt: justBefore },
      ),
    ).toMatchObject({ kind: "accepted" });
    expect(
      await world.deliver(
        { appointment_id: "102", status: "1" },
        { token: newToken, receivedAt: justBefore },
      ),
    ).toMatchObject({ kind: "accepted" });

    const after = new Date(previousRetiresAt.getTime() + 1000);
    expect(
      await world.deliver(
        { appointment_id: "103", status: "1" },
        { token: oldToken, receivedAt: after },
      ),
    ).toEqual({ kind: "unknown_endpoint" });
    // A bad appointment id on the retired address is not even recorded as rejected.
    expect(
      await world.deliver({ appointment_id: "x" }, { token: oldToken, receivedAt: after }),
    ).toEqual({ kind: "unknown_endpoint" });
    expect(
      await world.deliver(
        { appointment_id: "104", status: "1" },
        { token: newToken, receivedAt: after },
      ),
    ).toMatchObject({ kind: "accepted" });
    expect(
      await db.webhookDelivery.count({ where: { tenantId: world.tenantId, appointmentId: "103" } }),
    ).toBe(0);

    const audit = await db.auditLog.findMany({
      where: { tenantId: world.tenantId, action: "webhook.rotated" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: world.owner.id });
  });

  it("stops the replaced address at once when an admin asks, and leaves the new one alone", async () => {
    const oldToken = world.token;
    const now = new Date();
    await rotate(now);
    const newToken = await currentDealsToken();
    const scope = {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      purpose: "deals" as const,
      actorUserId: world.owner.id,
    };

    expect(await revokeReplacedWebhookEndpoints(db, { ...scope, now })).toEqual({ revoked: 1 });
    expect(
      await world.deliver({ appointment_id: "201", status: "1" }, { token: oldToken }),
    ).toEqual({ kind: "unknown_endpoint" });
    expect(
      await world.deliver({ appointment_id: "202", status: "1" }, { token: newToken }),
    ).toMatchObject({ kind: "accepted" });
    expect(await revokeReplacedWebhookEndpoints(db, { ...scope, now })).toEqual({ revoked: 0 });
    expect(
      await db.auditLog.count({
        where: { tenantId: world.tenantId, action: "webhook.replaced_revoked" },
      }),
    ).toBe(1);
  });

  it("shows which address last received a webhook", async () => {
    const oldToken = world.token;
    const rotatedAt = new Date();
    await rotate(rotatedAt);
    const newToken = await currentDealsToken();
    await world.deliver(
      { appointment_id: "301", status: "1" },
      { token: oldToken, receivedAt: new Date(rotatedAt.getTime() + 1000) },
    );
    await world.deliver(
      { appointment_id: "302", status: "1" },
      { token: newToken, receivedAt: new Date(rotatedAt.getTime() + 2000) },
    );
    await world.deliver(
      { appointment_id: "303", status: "1" },
      { token: newToken, receivedAt: new Date(rotatedAt.getTime() + 3000) },
    );

    const live = await findLiveWebhookEndpoints(db, world.deps.keyring, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      appUrl: "http://svyaz.test",
      now: new Date(rotatedAt.getTime() + 5000),
    });
    const deals = live.filter((endpoint) => endpoint.purpose === "deals");
    expect(
      deals.map((endpoint) => ({
        tokenEnding: endpoint.tokenEnding,
        isReplaced: endpoint.retiresAt !== null,
        lastReceivedAt: endpoint.lastReceivedAt?.getTime(),
      })),
    ).toEqual([
      {
        tokenEnding: newToken.slice(-4),
        isReplaced: false,
        lastReceivedAt: rotatedAt.getTime() + 3000,
      },
      {
        tokenEnding: oldToken.slice(-4),
        isReplaced: true,
        lastReceivedAt: rotatedAt.getTime() + 1000,
      },
    ]);
    // Past the overlap only the new address is listed.
    const later = await findLiveWebhookEndpoints(db, world.deps.keyring, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      appUrl: "http://svyaz.test",
      now: new Date(rotatedAt.getTime() + ROTATION_OVERLAP_MS + 1000),
    });
    expect(
      later
        .filter((endpoint) => endpoint.purpose === "deals")
        .map((endpoint) => endpoint.tokenEnding),
    ).toEqual([newToken.slice(-4)]);
  });

  it("refuses to rotate an address of a connection without one", async () => {
    await db.webhookEndpoint.updateMany({
      where: { tenantId: world.tenantId, connectionId: world.connectionId },
      data: { revokedAt: new Date() },
    });
    await expect(rotate(new Date())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

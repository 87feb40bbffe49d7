// The inbox is also the outbox (reliability R5), with Inngest as the job driver: a webhook whose
// event cannot be sent is still acknowledged, because its row is committed, and stays pending;
// `resend-stuck-deliveries` sends its event again, under the same event id, once it is two minutes
// old. Inngest's event API is a local stand-in that refuses, then accepts, and records every send.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { inngest } from "@/inngest/client";
import { resendStuckDeliveries } from "@/inngest/functions/resend-stuck-deliveries";
import { getDb } from "@/server/db/client";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { handleKlientiksWebhook } from "@/server/http/handle-klientiks-webhook";
import { dispatchDeliveries } from "@/server/jobs/dispatch";
import { createLogger } from "@/server/logging/logger";

import { createTestKlientiksAddress } from "../support/factories";
import { createTestDb } from "../support/test-db";

// Read once, at the first getEnv() of this file: every dispatch below goes to Inngest.
vi.stubEnv("JOBS_DRIVER", "inngest");

type TSentEvent = { id?: string; name: string; data: { deliveryId?: string } };

/** Inngest's event API (`POST /e/{key}`): answers 500 while `isRefusing`, and keeps every attempt. */
async function startEventApi() {
  const attempts: { status: number; events: TSentEvent[] }[] = [];
  const state = { isRefusing: true };
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as TSentEvent[];
      const status = state.isRefusing ? 500 : 200;
      attempts.push({ status, events });
      response
        .writeHead(status, { "content-type": "application/json" })
        .end(
          JSON.stringify(
            state.isRefusing
              ? { status, error: "the event API is down" }
              : { status, ids: events.map((event) => event.id ?? "") },
          ),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const db = createTestDb();
let eventApi: Awaited<ReturnType<typeof startEventApi>>;
const tenantIds: string[] = [];

beforeAll(async () => {
  eventApi = await startEventApi();
  inngest.setEnvVars({ INNGEST_DEV: "1", INNGEST_BASE_URL: eventApi.url });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  // Never processed: other files drain the shared inbox and must not get these.
  await db.webhookDelivery.deleteMany({ where: { tenantId: { in: tenantIds } } });
  await eventApi.close();
  await db.$disconnect();
  await getDb().$disconnect();
});

const sentIds = (attempts: { events: TSentEvent[] }[]) =>
  attempts.flatMap((attempt) => attempt.events.map((event) => event.id));

describe("resending what never reached Inngest (R5)", () => {
  it("acknowledges a webhook whose event cannot be sent, keeps it pending, and resends it under the same id once it is two minutes old", async () => {
    const salon = await createTestKlientiksAddress(db);
    tenantIds.push(salon.tenantId);
    const deps = {
      db,
      endpoints: createWebhookEndpointCache({
        ttlMs: 30_000,
        maxEntries: 100,
        load: (tokenHash, at) => findLiveEndpointByTokenHash(db, tokenHash, at),
      }),
      unknownAddresses: createUnknownAddressLimiter({ db, onError: () => undefined }),
      dispatch: dispatchDeliveries,
      log: createLogger({ component: "klientiks-webhook-test" }),
    };
    const response = await handleKlientiksWebhook(
      new Request(
        `http://svyaz.test/api/webhooks/klientiks/${salon.token}?appointment_id=71&status=scheduled`,
      ),
      salon.token,
      deps,
    );

    expect(response.status).toBe(200);
    const { deliveryId } = (await response.json()) as { deliveryId: string };
    expect(eventApi.attempts.length).toBeGreaterThan(0);
    expect(eventApi.attempts.every((attempt) => attempt.status === 500)).toBe(true);
    expect(new Set(sentIds(eventApi.attempts))).toEqual(new Set([deliveryId]));
    const stored = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(stored.status).toBe("pending");

    eventApi.state.isRefusing = false;
    const resend = () =>
      new InngestTestEngine({ function: resendStuckDeliveries }).execute({
        events: [{ name: "inngest/scheduled.timer", data: {} }],
      });
    const sentBefore = eventApi.attempts.length;
    // Younger than two minutes, its first send may still be under way: left alone.
    expect((await resend()).error).toBeUndefined();
    expect(sentIds(eventApi.attempts.slice(sentBefore))).not.toContain(deliveryId);

    await db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { receivedAt: new Date(stored.receivedAt.getTime() - 3 * 60_000) },
    });
    const sentBeforeResend = eventApi.attempts.length;
    expect((await resend()).error).toBeUndefined();
    const resent = eventApi.attempts
      .slice(sentBeforeResend)
      .flatMap((attempt) => attempt.events)
      .filter((event) => event.data.deliveryId === deliveryId);
    expect(resent).toEqual([
      expect.objectContaining({ id: deliveryId, name: "klientiks/webhook.received" }),
    ]);
  });
});

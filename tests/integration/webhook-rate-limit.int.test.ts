// The per-sender limit on unknown webhook addresses (reliability R20), through the receivers' own
// handlers on the real database: 60 unknown-address answers a minute per client address across
// app instances, then 429 with when to retry; a known address is never limited; the limiter fails
// open and writes a sender's counter at most `limit` times a minute per process.
import { randomInt } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getEnv } from "@/env";
import type { TDb } from "@/server/db/client";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { createSecretToken } from "@/server/domain/invites/invite-token";
import { createCallerNames } from "@/server/domain/telephony/caller-names";
import { createVerificationSecretsCache } from "@/server/domain/telephony/verification-secrets-cache";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import {
  createUnknownAddressLimiter,
  UNKNOWN_ADDRESS_LIMIT,
} from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { handleKlientiksWebhook } from "@/server/http/handle-klientiks-webhook";
import { handleZadarmaWebhook } from "@/server/http/handle-zadarma-webhook";
import { createLogger } from "@/server/logging/logger";

import { createInterruptibleDb } from "../support/database-outage";
import { createTestKlientiksAddress } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let salon: Awaited<ReturnType<typeof createTestKlientiksAddress>>;

beforeAll(async () => {
  salon = await createTestKlientiksAddress(db);
});
// Never processed: other files drain the shared inbox and must not get these.
afterAll(async () => {
  await db.webhookDelivery.deleteMany({ where: { tenantId: salon.tenantId } });
  await db.$disconnect();
});

/** 30 s into a minute ten minutes ago, so a burst never straddles two windows. */
const IN_A_QUIET_MINUTE = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000 + 30_000);
/** A sender address no other test uses. */
const newSender = () => `198.51.${randomInt(256)}.${randomInt(256)}`;

const endpointCache = (handlerDb: TDb) =>
  createWebhookEndpointCache({
    ttlMs: 30_000,
    maxEntries: 100,
    load: (tokenHash, at) => findLiveEndpointByTokenHash(handlerDb, tokenHash, at),
  });

/**
 * The Klientiks route's handler as one app instance: its own caches and limiter; the limiter's
 * counters on `limiterDb`, its clock at `now`.
 */
function klientiksInstance(
  options: { limiterDb?: TDb; now?: () => Date; onLimiterError?: (error: unknown) => void } = {},
) {
  const limiterErrors: unknown[] = [];
  const deps = {
    db,
    endpoints: endpointCache(db),
    unknownAddresses: createUnknownAddressLimiter({
      db: options.limiterDb ?? db,
      onError: (error) => limiterErrors.push(error),
      now: options.now ?? (() => IN_A_QUIET_MINUTE),
    }),
    dispatch: async (_deliveries: TEnqueuedDelivery[]) => undefined,
    log: createLogger({ component: "klientiks-webhook-test" }),
  };
  return {
    limiterErrors,
    send: (token: string, sender: string, query = "appointment_id=1&status=scheduled") =>
      handleKlientiksWebhook(
        new Request(`http://svyaz.test/api/webhooks/klientiks/${token}?${query}`, {
          headers: { "x-forwarded-for": `${sender}, 10.0.0.1` },
        }),
        token,
        deps,
      ),
  };
}

const statusesOf = async (responses: Promise<Response>[]) =>
  (await Promise.all(responses)).map((response) => response.status);

describe("unknown webhook addresses per sender (R20)", () => {
  it("answers 60 unknown addresses a minute with 404, then 429 with Retry-After and X-RateLimit-*, across instances, and leaves other senders alone", async () => {
    const sender = newSender();
    const instances = [klientiksInstance(), klientiksInstance()];
    const statuses: number[] = [];
    for (let index = 0; index < UNKNOWN_ADDRESS_LIMIT.limit; index += 1)
      statuses.push((await instances[index % 2]!.send(createSecretToken(), sender)).status);
    expect(new Set(statuses)).toEqual(new Set([404]));

    const refused = await instances[0]!.send(createSecretToken(), sender);
    expect(refused.status).toBe(429);
    const resetAt = Math.ceil(IN_A_QUIET_MINUTE.getTime() / 60_000) * 60;
    expect(Object.fromEntries(refused.headers)).toMatchObject({
      "retry-after": "30",
      "x-ratelimit-limit": "60",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(resetAt),
    });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect((await instances[1]!.send(createSecretToken(), sender)).status).toBe(429);

    expect((await instances[0]!.send(createSecretToken(), newSender())).status).toBe(404);
    const nextMinute = klientiksInstance({
      now: () => new Date(IN_A_QUIET_MINUTE.getTime() + 60_000),
    });
    expect((await nextMinute.send(createSecretToken(), sender)).status).toBe(404);
  });

  it("never limits a known address: a burst of real webhooks from a sender over the limit is all stored", async () => {
    const sender = newSender();
    const receiver = klientiksInstance();
    await statusesOf(
      Array.from({ length: UNKNOWN_ADDRESS_LIMIT.limit + 1 }, () =>
        receiver.send(createSecretToken(), sender),
      ),
    );
    expect((await receiver.send(createSecretToken(), sender)).status).toBe(429);

    const burst = Array.from({ length: 100 }, (_, index) =>
      receiver.send(salon.token, sender, `appointment_id=${5000 + index}&status=scheduled`),
    );
    expect(new Set(await statusesOf(burst))).toEqual(new Set([200]));
    expect(
      await db.webhookDelivery.count({
        where: { tenantId: salon.tenantId, appointmentId: { gte: "5000", lt: "5100" } },
      }),
    ).toBe(100);
  });

  it("writes a sender's counter at most 60 times a minute in a process, however concurrent the flood", async () => {
    const sender = newSender();
    const receiver = klientiksInstance();
    const statuses = await statusesOf(
      Array.from({ length: 300 }, () => receiver.send(createSecretToken(), sender)),
    );
    expect(statuses.filter((status) => status === 404)).toHaveLength(UNKNOWN_ADDRESS_LIMIT.limit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      300 - UNKNOWN_ADDRESS_LIMIT.limit,
    );
    expect(
      await db.rateLimitCounter.findMany({
        where: { key: `webhook-unknown:${sender}` },
        select: { hits: true },
      }),
    ).toEqual([{ hits: UNKNOWN_ADDRESS_LIMIT.limit }]);
  });

  it("fails open: when its counter cannot be written, an unknown address still gets a 404, never a 5xx", async () => {
    const outage = await createInterruptibleDb();
    try {
      outage.cutOff();
      const receiver = klientiksInstance({ limiterDb: outage.db });
      expect((await receiver.send(createSecretToken(), newSender())).status).toBe(404);
      expect(receiver.limiterErrors).toHaveLength(1);
      expect((await receiver.send(salon.token, newSender())).status).toBe(200);
    } finally {
      await outage.close();
    }
  });

  it("drops counters older than a day as it counts, and keeps the current ones", async () => {
    const sender = newSender();
    const stale = { key: `webhook-unknown:${sender}-stale`, hits: 5 };
    await db.rateLimitCounter.create({
      data: { ...stale, windowStart: new Date(IN_A_QUIET_MINUTE.getTime() - 2 * 86_400_000) },
    });
    const receiver = klientiksInstance();
    expect((await receiver.send(createSecretToken(), sender)).status).toBe(404);

    await expect
      .poll(() => db.rateLimitCounter.count({ where: { key: stale.key } }), { timeout: 5_000 })
      .toBe(0);
    expect(receiver.limiterErrors).toEqual([]);
    expect(await db.rateLimitCounter.count({ where: { key: `webhook-unknown:${sender}` } })).toBe(
      1,
    );
  });

  it("counts unknown addresses at the Zadarma route too, its zd_echo checks included", async () => {
    const sender = newSender();
    const limiter = createUnknownAddressLimiter({
      db,
      onError: (error) => {
        throw error;
      },
      now: () => IN_A_QUIET_MINUTE,
    });
    const deps = {
      db,
      endpoints: endpointCache(db),
      unknownAddresses: limiter,
      secrets: createVerificationSecretsCache({
        db,
        keyring: getEnv().ENCRYPTION_KEYRING,
        ttlMs: 30_000,
        maxEntries: 100,
      }),
      callerNames: createCallerNames({ db, ttlMs: 30_000, maxEntries: 100 }),
      dispatch: async (_deliveries: TEnqueuedDelivery[]) => undefined,
      log: createLogger({ component: "zadarma-webhook-test" }),
    };
    const headers = { "x-forwarded-for": sender };
    const notification = (token: string) =>
      handleZadarmaWebhook(
        new Request(`http://svyaz.test/api/webhooks/zadarma/${token}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: "event=NOTIFY_START&pbx_call_id=in_1",
        }),
        token,
        deps,
      );
    const echo = (token: string) =>
      handleZadarmaWebhook(
        new Request(`http://svyaz.test/api/webhooks/zadarma/${token}?zd_echo=abc`, { headers }),
        token,
        deps,
      );

    const statuses: number[] = [];
    for (let index = 0; index < UNKNOWN_ADDRESS_LIMIT.limit / 2; index += 1)
      statuses.push(
        (await notification(createSecretToken())).status,
        (await echo(createSecretToken())).status,
      );
    // A Klientiks address at the Zadarma route is unknown there.
    const limited = [await notification(salon.token), await echo(createSecretToken())];
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect(limited.map((response) => response.status)).toEqual([429, 429]);
    expect(limited[0]!.headers.get("retry-after")).toBe("30");
  });
});

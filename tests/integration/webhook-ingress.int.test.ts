// The Klientiks webhook route's handler against the real database (reliability R4–R6, R20;
// docs/input-text.md, docs/webhook-inbox.md): what one sender does never costs another tenant's
// webhooks, an unknown address costs no body read and no insert, bodies are read up to their cap
// and no further, and identical deliveries within 10 s collapse into one row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { createSecretToken } from "@/server/domain/invites/invite-token";
import {
  findLiveEndpointByTokenHash,
  type TWebhookEndpoint,
} from "@/server/domain/webhooks/endpoints";
import {
  receiveKlientiksWebhook,
  type TReceiveOutcome,
} from "@/server/domain/webhooks/receive-klientiks-webhook";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { handleKlientiksWebhook } from "@/server/http/handle-klientiks-webhook";
import { MAX_BODY_BYTES } from "@/server/http/read-webhook-params";
import type { TLogger } from "@/server/logging/logger";

import { createInterruptibleDb } from "../support/database-outage";
import { createTestKlientiksAddress } from "../support/factories";
import { createTestDb, isEmbeddedDatabase } from "../support/test-db";

const db = createTestDb();
const tenantIds: string[] = [];

const silent: TLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

async function createSalon() {
  const salon = await createTestKlientiksAddress(db);
  tenantIds.push(salon.tenantId);
  return salon;
}

function createHandler(handlerDb = db) {
  const dispatched: TEnqueuedDelivery[] = [];
  const deps = {
    db: handlerDb,
    endpoints: createWebhookEndpointCache({
      ttlMs: 30_000,
      maxEntries: 100,
      load: (tokenHash, at) => findLiveEndpointByTokenHash(handlerDb, tokenHash, at),
    }),
    unknownAddresses: createUnknownAddressLimiter({
      db: handlerDb,
      onError: (error) => {
        throw error;
      },
    }),
    dispatch: async (deliveries: TEnqueuedDelivery[]) => void dispatched.push(...deliveries),
    log: silent,
  };
  return {
    dispatched,
    send: (token: string, query: string, init: RequestInit = {}) =>
      handleKlientiksWebhook(
        new Request(`http://svyaz.test/api/webhooks/klientiks/${token}?${query}`, init),
        token,
        deps,
      ),
  };
}

const jsonPost = (body: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});

let salonA: Awaited<ReturnType<typeof createSalon>>;
let salonB: Awaited<ReturnType<typeof createSalon>>;

beforeAll(async () => {
  salonA = await createSalon();
  salonB = await createSalon();
});

// These deliveries are never processed; other files drain the shared inbox and must not get them.
afterEach(async () => {
  await db.webhookDelivery.deleteMany({ where: { tenantId: { in: tenantIds } } });
});

afterAll(() => db.$disconnect());

const UNKNOWN_TOKEN = createSecretToken();

describe("hostile input (issue 8 A1)", () => {
  it("stores every legitimate webhook of two workspaces while others send unstorable text to known and unknown addresses", async () => {
    const { send } = createHandler();
    const hostile = [
      "appointment_id=901&status=%00",
      "appointment_id=902&status=%ED%A0%80",
      "appointment_id=903&na%00me=x",
    ];
    const hostileJson = [
      '{"appointment_id": 904, "status": "\\u0000"}',
      '{"appointment_id": 905, "status": "a\\ud800b"}',
      '{"appointment_id": "-1\\u0000"}',
    ];
    const before = await db.webhookDelivery.count();

    const legitimate = [salonA, salonB].flatMap((salon) =>
      Array.from({ length: 40 }, (_, index) => ({ salon, appointmentId: String(1000 + index) })),
    );
    const sends = [
      ...legitimate.map(({ salon, appointmentId }) =>
        send(salon.token, `appointment_id=${appointmentId}&status=scheduled`),
      ),
      ...[salonA.token, UNKNOWN_TOKEN].flatMap((token) => [
        ...hostile.map((query) => send(token, query)),
        ...hostileJson.map((body) => send(token, "", jsonPost(body))),
      ]),
    ];
    const responses = await Promise.all(sends);

    const legitimateStatuses = responses
      .slice(0, legitimate.length)
      .map((response) => response.status);
    expect(legitimateStatuses).toEqual(legitimate.map(() => 200));
    for (const salon of [salonA, salonB]) {
      const stored = await db.webhookDelivery.findMany({
        where: { tenantId: salon.tenantId, appointmentId: { gte: "1000", lt: "2000" } },
        select: { appointmentId: true },
      });
      expect(stored.map((row) => row.appointmentId).sort()).toEqual(
        legitimate
          .filter((item) => item.salon === salon)
          .map((item) => item.appointmentId)
          .sort(),
      );
    }

    const [toKnown, toUnknown] = [
      responses.slice(legitimate.length, legitimate.length + 6),
      responses.slice(legitimate.length + 6),
    ];
    // Cleaned and stored (the last one rejected for its appointment id, as it should be).
    expect(toKnown.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 400]);
    expect(toUnknown.map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await db.webhookDelivery.count()).toBe(before + legitimate.length + 6);

    const cleaned = await db.webhookDelivery.findMany({
      where: {
        tenantId: salonA.tenantId,
        OR: [{ appointmentId: { gte: "901", lt: "906" } }, { status: "rejected" }],
      },
      orderBy: { appointmentId: "asc" },
    });
    expect(cleaned.map((row) => [row.appointmentId, row.statusHint, row.query])).toEqual([
      ["-1", null, { appointment_id: "-1" }],
      ["901", null, { appointment_id: "901", status: "" }],
      ["902", "\uFFFD\uFFFD\uFFFD", { appointment_id: "902", status: "\uFFFD\uFFFD\uFFFD" }],
      ["903", null, { appointment_id: "903", name: "x" }],
      ["904", null, { appointment_id: "904", status: "" }],
      ["905", "ab", { appointment_id: "905", status: "ab" }],
    ]);
  });
});

/** A ReadableStream that hands out 4 KB chunks for as long as it is read, and counts what it gave. */
function endlessBody() {
  const chunk = new Uint8Array(4096).fill(0x61);
  const counter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        counter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe("bodies (issue 8 A3)", () => {
  const post = (body: ReadableStream<Uint8Array>): RequestInit & { duplex: "half" } => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    duplex: "half",
  });

  it("answers an unknown address without reading a byte of its body", async () => {
    const { send } = createHandler();
    const { stream, counter } = endlessBody();
    const response = await send(UNKNOWN_TOKEN, "appointment_id=1", post(stream));
    expect(response.status).toBe(404);
    expect(counter.pulled).toBe(0);
  });

  it("refuses an oversize chunked body with 413 after reading at most the cap and one chunk", async () => {
    const { send } = createHandler();
    const { stream, counter } = endlessBody();
    const response = await send(salonA.token, "appointment_id=1", post(stream));
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + 4096);
    expect(counter.cancelled).toBe(true);
    expect(await db.webhookDelivery.count({ where: { tenantId: salonA.tenantId } })).toBe(0);
  });

  it("reads a form body within the cap", async () => {
    const { send, dispatched } = createHandler();
    const response = await send(salonA.token, "", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "appointment_id=77&status=scheduled",
    });
    expect(response.status).toBe(200);
    expect(dispatched).toEqual([
      expect.objectContaining({ tenantId: salonA.tenantId, purpose: "deals", subjectId: "77" }),
    ]);
  });
});

describe("deduplication (issue 8 A7)", () => {
  const deliver = (
    endpoint: TWebhookEndpoint,
    receivedAt: Date,
    appointmentId = "500",
    onDb = db,
    status = "scheduled",
  ): Promise<TReceiveOutcome> =>
    receiveKlientiksWebhook(onDb, {
      endpoint,
      method: "GET",
      params: { appointment_id: appointmentId, status },
      headers: {},
      receivedAt,
    });
  const rowsOf = (tenantId: string) =>
    db.webhookDelivery.findMany({
      where: { tenantId },
      orderBy: { receivedAt: "asc" },
      select: { id: true, receivedAt: true },
    });
  /** 50 ms before a multiple of 10 s: the edge of the old fixed buckets. */
  const beforeEdge = new Date(Math.ceil(Date.now() / 10_000) * 10_000 - 50);
  const later = (ms: number) => new Date(beforeEdge.getTime() + ms);

  it("collapses the same webhook 100 ms apart across a 10-second edge", async () => {
    const first = await deliver(salonA.endpoint, beforeEdge);
    const second = await deliver(salonA.endpoint, later(100));
    expect(first).toMatchObject({ kind: "accepted", isDuplicate: false });
    expect(second).toMatchObject({
      kind: "accepted",
      isDuplicate: true,
      deliveryId: first.kind === "accepted" ? first.deliveryId : "",
    });
    expect(await rowsOf(salonA.tenantId)).toHaveLength(1);
  });

  it("stores it again 10.5 s later, and keeps other appointments and tenants apart", async () => {
    await deliver(salonA.endpoint, beforeEdge);
    expect(await deliver(salonA.endpoint, later(10_500))).toMatchObject({ isDuplicate: false });
    expect(await deliver(salonA.endpoint, later(100), "501")).toMatchObject({ isDuplicate: false });
    expect(await deliver(salonB.endpoint, later(100))).toMatchObject({ isDuplicate: false });
    expect(await rowsOf(salonA.tenantId)).toHaveLength(3);
  });

  it("collapses exactly within one group-committed statement: 0 s, 6 s and 12 s make two rows", async () => {
    const blocker = deliver(salonB.endpoint, beforeEdge, "999");
    // Queued while the blocker's statement runs, so the three travel in one batch, in this order.
    const outcomes = await Promise.all([
      deliver(salonA.endpoint, beforeEdge),
      deliver(salonA.endpoint, later(6_000)),
      deliver(salonA.endpoint, later(12_000)),
    ]);
    await blocker;
    expect(outcomes.map((outcome) => outcome.kind === "accepted" && outcome.isDuplicate)).toEqual([
      false,
      true,
      false,
    ]);
    expect((await rowsOf(salonA.tenantId)).map((row) => row.receivedAt)).toEqual([
      beforeEdge,
      later(12_000),
    ]);
  });

  it("keeps a status that returns after another: scheduled, cancelled, scheduled within a second are three rows", async () => {
    const statuses = ["scheduled", "cancelled", "scheduled", "scheduled"];
    const outcomes = [];
    for (const [index, status] of statuses.entries())
      outcomes.push(await deliver(salonA.endpoint, later(index * 300), "500", db, status));
    expect(outcomes.map((outcome) => outcome.kind === "accepted" && outcome.isDuplicate)).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(await rowsOf(salonA.tenantId)).toHaveLength(3);
  });

  it("collapses a concurrent storm of 20 from several processes into one row", async () => {
    // Several clients stand for several app instances (own group commit, own connections); the
    // embedded database serves one connection at a time.
    const instances = (await isEmbeddedDatabase(db))
      ? [db]
      : [
          createTestDb({ maxConnections: 3 }),
          createTestDb({ maxConnections: 3 }),
          createTestDb({ maxConnections: 3 }),
        ];
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        deliver(salonA.endpoint, later(index * 5), "500", instances[index % instances.length]),
      ),
    ).finally(() =>
      Promise.all(
        instances.filter((instance) => instance !== db).map((instance) => instance.$disconnect()),
      ),
    );
    const accepted = outcomes.flatMap((outcome) => (outcome.kind === "accepted" ? [outcome] : []));
    expect(accepted).toHaveLength(20);
    expect(accepted.filter((outcome) => !outcome.isDuplicate)).toHaveLength(1);
    expect(new Set(accepted.map((outcome) => outcome.deliveryId)).size).toBe(1);
    expect(await rowsOf(salonA.tenantId)).toHaveLength(1);
  });
});

describe("a database that refuses (R5)", () => {
  it("answers 503 with Retry-After and acknowledges nothing while the database is down, never a 404 to an address it cannot look up", async () => {
    const outage = await createInterruptibleDb();
    try {
      const { send, dispatched } = createHandler(outage.db);
      // Salon A's address is now in the handler's cache; salon B's is not.
      expect((await send(salonA.token, "appointment_id=61&status=scheduled")).status).toBe(200);

      outage.cutOff();
      const whileDown = [
        await send(salonA.token, "appointment_id=62&status=scheduled"),
        await send(salonB.token, "appointment_id=63&status=scheduled"),
      ];
      for (const response of whileDown) {
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("5");
        expect(await response.json()).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
      }
      expect(dispatched.map((delivery) => delivery.subjectId)).toEqual(["61"]);

      outage.restore();
      expect((await send(salonA.token, "appointment_id=62&status=scheduled")).status).toBe(200);
      const stored = await db.webhookDelivery.findMany({
        where: { tenantId: { in: [salonA.tenantId, salonB.tenantId] } },
        orderBy: { receivedAt: "asc" },
        select: { tenantId: true, appointmentId: true },
      });
      expect(stored).toEqual([
        { tenantId: salonA.tenantId, appointmentId: "61" },
        { tenantId: salonA.tenantId, appointmentId: "62" },
      ]);
    } finally {
      await outage.close();
    }
  });
});

describe("a bad appointment id (issue 8 C22, R23)", () => {
  it("says it must be a positive whole number and records the rejection", async () => {
    const { send } = createHandler();
    const response = await send(salonA.token, "appointment_id=-1&status=scheduled");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: {
        code: "VALIDATION",
        field: "appointment_id",
        reason: "invalid_appointment_id",
        received: "-1",
        message: expect.stringContaining("must be a positive whole number"),
      },
    });
    expect(
      await db.webhookDelivery.findMany({
        where: { tenantId: salonA.tenantId },
        select: { status: true, errorCode: true, appointmentId: true },
      }),
    ).toEqual([{ status: "rejected", errorCode: "invalid_appointment_id", appointmentId: "-1" }]);
  });
});

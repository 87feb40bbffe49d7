import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { leaseTrackingNumber } from "@/server/domain/call-tracking/lease-number";
import { incomingAnsweredCall } from "@/server/domain/calls/__fixtures__/call-events";
import { applyCallEvents } from "@/server/domain/calls/apply-call-events";
import { createTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";
import { createKeyedQueue } from "@/server/domain/sites/keyed-queue";
import { createSite } from "@/server/domain/sites/manage-sites";
import { recordTrackHit } from "@/server/domain/sites/record-track-hit";
import { createSiteKeyCache } from "@/server/domain/sites/site-key-cache";
import { ZTrackHitSchema } from "@/server/domain/sites/track-hit-schema";
import { findTrackedSiteByKey } from "@/server/domain/sites/tracked-site";
import type { TTrackDeps } from "@/server/http/track/admit-tracker-request";
import { handleNumberRequest } from "@/server/http/track/handle-number-request";
import type { TLogger } from "@/server/logging/logger";

import { createTestTelephonyConnection, createTestWorkspace } from "../support/factories";
import { createTestDb, isEmbeddedDatabase } from "../support/test-db";

const db = createTestDb({ maxConnections: 8 });
afterAll(() => db.$disconnect());

const MINUTE_MS = 60_000;
/** Later than any number's creation: a new number is free from the moment it was added. */
const T0 = new Date(Math.ceil(Date.now() / MINUTE_MS) * MINUTE_MS + 60 * MINUTE_MS);
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE_MS);
const SITE_PHONE = "+74951234567";
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

const silentLog: TLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};

type TSalon = Awaited<ReturnType<typeof createSalon>>;

/** A workspace with a site, `poolSize` pool numbers, an optional fallback and a Zadarma connection. */
async function createSalon({
  poolSize,
  hasFallback = true,
}: {
  poolSize: number;
  hasFallback?: boolean;
}) {
  const { owner, tenant } = await createTestWorkspace(db, "Салон");
  const created = await createSite(db, {
    tenantId: tenant.id,
    actorUserId: owner.id,
    request: { domain: "salon.ru", name: "Салон" },
  });
  const site = await db.site.update({
    where: { id: created.id },
    data: { phoneTargets: [SITE_PHONE], poolHoldMinutes: 15 },
  });
  const addNumber = (
    phone: string,
    data: { usage: "pool" | "static" | "fallback" } & Record<string, unknown>,
  ) =>
    db.trackingNumber.create({
      data: { id: createId("tnum"), tenantId: tenant.id, phone, siteId: site.id, ...data },
    });
  const pool = [];
  for (let index = 0; index < poolSize; index += 1)
    pool.push(await addNumber(`+7495777${String(index).padStart(4, "0")}`, { usage: "pool" }));
  const fallback = hasFallback ? await addNumber("+74957779999", { usage: "fallback" }) : null;
  const connection = await createTestTelephonyConnection(db, tenant.id);
  return {
    tenantId: tenant.id,
    owner,
    site,
    pool,
    fallback,
    addNumber,
    connectionId: connection.id,
  };
}

const lease = (
  salon: TSalon,
  visitor: string,
  session: string,
  when: Date,
  instanceDb: TDbClient = db,
) =>
  leaseTrackingNumber(instanceDb, {
    tenantId: salon.tenantId,
    siteId: salon.site.id,
    visitorId: `visitor-${visitor}`.padEnd(12, "0"),
    sessionKey: `session-${session}`.padEnd(12, "0"),
    holdMinutes: salon.site.poolHoldMinutes,
    at: when,
  });

/** A page view recorded as `/api/track` records it, from an ad campaign. */
async function visit(
  salon: TSalon,
  visitor: string,
  session: string,
  when: Date,
  campaign: string,
) {
  const hit = ZTrackHitSchema.parse({
    type: "pageview",
    siteKey: salon.site.publicKey,
    visitorId: `visitor-${visitor}`.padEnd(12, "0"),
    sessionId: `session-${session}`.padEnd(12, "0"),
    url: `https://salon.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=${campaign}`,
    referrer: null,
    utm: { source: "yandex", medium: "cpc", campaign },
  });
  const site = await findTrackedSiteByKey(db, salon.site.publicKey);
  if (!site) throw new Error("site not found");
  await recordTrackHit(db, { tenantId: salon.tenantId, site, hit, at: when });
}

async function callIn(salon: TSalon, companyNumber: string, when: Date, talkSeconds = 65) {
  const { callId } = await applyCallEvents(db, {
    tenantId: salon.tenantId,
    connectionId: salon.connectionId,
    deliveryId: null,
    events: incomingAnsweredCall({
      providerCallId: `pbx-${createId("call")}`,
      startedAt: when,
      clientPhone: "+79990001122",
      companyNumber,
      talkSeconds,
    }),
  });
  return db.call.findUniqueOrThrow({ where: { id: callId } });
}

describe("leasing tracking numbers", () => {
  it("gives two visits two numbers, renews a visit's own, returns it to the visitor and falls back when exhausted", async () => {
    const salon = await createSalon({ poolSize: 2 });
    const first = await lease(salon, "a", "a1", at(0));
    const second = await lease(salon, "b", "b1", at(0));
    expect(first).toEqual({ phone: salon.pool[0]!.phone, usage: "pool" });
    expect(second).toEqual({ phone: salon.pool[1]!.phone, usage: "pool" });
    // A heartbeat renews; a new visit of the same visitor within the hold time gets the number back.
    expect(await lease(salon, "a", "a1", at(10))).toEqual(first);
    expect(await lease(salon, "b", "b1", at(10))).toEqual(second);
    expect(await lease(salon, "a", "a2", at(20))).toEqual(first);
    const third = await lease(salon, "c", "c1", at(21));
    expect(third).toEqual({ phone: salon.fallback!.phone, usage: "fallback" });
    expect(await lease(salon, "c", "c1", at(22))).toEqual(third);
    expect(await db.numberLease.count({ where: { siteId: salon.site.id, isFallback: true } })).toBe(
      1,
    );

    // b's number is free 15 minutes after its last activity, the least recently released first.
    expect(await lease(salon, "c", "c1", at(26))).toEqual({
      phone: salon.pool[1]!.phone,
      usage: "pool",
    });
    const leasesOfA = await db.numberLease.findMany({
      where: { numberId: salon.pool[0]!.id },
      orderBy: { startedAt: "asc" },
    });
    expect(
      leasesOfA.map((row) => [row.sessionKey.slice(0, 10), row.startedAt, row.endsAt]),
    ).toEqual([
      ["session-a1", at(0), at(20)],
      ["session-a2", at(20), at(35)],
    ]);
  });

  it("shows a source's static number to its sessions, and nothing on a site without numbers", async () => {
    const salon = await createSalon({ poolSize: 1 });
    await visit(salon, "s", "s1", at(0), "spring");
    const session = await db.trackerSession.findFirstOrThrow({
      where: { tenantId: salon.tenantId },
    });
    await salon.addNumber("+74957770500", { usage: "static", sourceId: session.sourceId });
    expect(await lease(salon, "s", "s1", at(1))).toEqual({
      phone: "+74957770500",
      usage: "static",
    });
    expect(await lease(salon, "t", "t1", at(1))).toEqual({
      phone: salon.pool[0]!.phone,
      usage: "pool",
    });

    const bare = await createSalon({ poolSize: 0, hasFallback: false });
    expect(await lease(bare, "a", "a1", at(0))).toBeNull();
  });

  it("leases a batch in order, and a request PostgreSQL refuses costs its batch-mates nothing", async () => {
    const salon = await createSalon({ poolSize: 3 });
    // The first request runs alone; the three sent meanwhile go together as one batch.
    const [first, refused, second, third] = await Promise.allSettled([
      lease(salon, "a", "a1", at(0)),
      lease(salon, "b\u0000", "b1", at(0)),
      lease(salon, "c", "c1", at(0)),
      lease(salon, "d", "d1", at(0)),
    ]);
    expect(refused?.status).toBe("rejected");
    expect([first, second, third]).toEqual(
      salon.pool.map(({ phone }) => ({ status: "fulfilled", value: { phone, usage: "pool" } })),
    );
    expect(await db.numberLease.count({ where: { siteId: salon.site.id } })).toBe(3);
  });

  it("never leases one number to two visits at one instant, under concurrent requests", async () => {
    // A second client stands for a second app instance: its batches race the first one's.
    const otherInstanceDb = (await isEmbeddedDatabase(db))
      ? null
      : createTestDb({ maxConnections: 8 });
    const salon = await createSalon({ poolSize: 3 });
    let minute = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            /** Minutes since the previous batch: the server's clock only moves forward. */
            step: fc.integer({ min: 0, max: 20 }),
            visits: fc.array(fc.record({ visitor: fc.nat(9), session: fc.nat(2) }), {
              minLength: 1,
              maxLength: 8,
            }),
          }),
          { minLength: 2, maxLength: 6 },
        ),
        async (batches) => {
          minute += 60;
          for (const { step, visits } of batches) {
            minute += step;
            const now = at(minute);
            await Promise.all(
              visits.map(({ visitor, session }, index) =>
                lease(
                  salon,
                  `${visitor}`,
                  `${visitor}-${session}`,
                  now,
                  index % 2 === 1 && otherInstanceDb ? otherInstanceDb : db,
                ),
              ),
            );
          }
          const leases = await db.numberLease.findMany({
            where: { siteId: salon.site.id, isFallback: false },
            orderBy: [{ numberId: "asc" }, { startedAt: "asc" }, { endsAt: "asc" }],
          });
          for (let index = 1; index < leases.length; index += 1) {
            const previous = leases[index - 1]!;
            const current = leases[index]!;
            if (previous.numberId === current.numberId)
              expect(current.startedAt.getTime()).toBeGreaterThanOrEqual(previous.endsAt.getTime());
          }
        },
      ),
      { numRuns: otherInstanceDb ? 25 : 8 },
    );
    await otherInstanceDb?.$disconnect();
  });
});

describe("/api/track/number", () => {
  function numberRoute() {
    const deps: TTrackDeps = {
      db,
      sites: createSiteKeyCache({
        ttlMs: 60_000,
        maxEntries: 10,
        load: (key) => findTrackedSiteByKey(db, key),
      }),
      limiter: createTokenBucketLimiter({ capacity: 100, refillPerSecond: 10, maxKeys: 10 }),
      queue: createKeyedQueue(),
      schedule: (task) => void task(),
      log: silentLog,
    };
    return (body: unknown, origin = "https://salon.ru") =>
      handleNumberRequest(
        new Request("http://svyaz.test/api/track/number", {
          method: "POST",
          headers: { origin, "content-type": "text/plain", "user-agent": CHROME },
          body: JSON.stringify(body),
        }),
        deps,
      );
  }

  it("answers the leased number to the site's pages only, 204 where there is nothing to show, 400 naming the shape", async () => {
    const salon = await createSalon({ poolSize: 1 });
    const post = numberRoute();
    const body = {
      siteKey: salon.site.publicKey,
      visitorId: "visitor-route-1",
      sessionId: "session-route-1",
    };
    const answer = await post(body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://salon.ru");
    expect(await answer.json()).toEqual({ number: salon.pool[0]!.phone, renewSeconds: 60 });
    expect((await post(body, "https://evil.example")).status).toBe(403);
    const malformed = await post({ siteKey: salon.site.publicKey });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: "VALIDATION", message: "not a number request" },
    });

    const bare = await createSalon({ poolSize: 0, hasFallback: false });
    expect((await post({ ...body, siteKey: bare.site.publicKey })).status).toBe(204);
  });
});

describe("crediting calls", () => {
  it("credits a pool number's call to the visit that held it, and unidentified traffic otherwise", async () => {
    const salon = await createSalon({ poolSize: 2 });
    await db.tenant.update({ where: { id: salon.tenantId }, data: { callTargetSeconds: 60 } });
    await visit(salon, "a", "a1", at(0), "spring_sale");
    await visit(salon, "b", "b1", at(0), "autumn");
    const ofA = await lease(salon, "a", "a1", at(0));
    const ofB = await lease(salon, "b", "b1", at(1));
    const sessionOfA = await db.trackerSession.findFirstOrThrow({
      where: { tenantId: salon.tenantId, sessionKey: { startsWith: "session-a1" } },
    });

    const callA = await callIn(salon, ofA!.phone, at(5));
    expect(callA).toMatchObject({
      trackingRule: "dynamic_number",
      trackingNumberId: salon.pool[0]!.id,
      siteId: salon.site.id,
      sessionId: sessionOfA.id,
      sourceId: sessionOfA.sourceId,
      campaignId: sessionOfA.campaignId,
      channel: "paid",
      utmCampaign: "spring_sale",
      isTargetCall: true,
      isUniqueCall: true,
    });
    const callB = await callIn(salon, ofB!.phone, at(6), 30);
    expect(callB).toMatchObject({
      trackingRule: "dynamic_number",
      utmCampaign: "autumn",
      isTargetCall: false,
    });
    // The same phone again within the unique period: a repeat call.
    expect(callB.isUniqueCall).toBe(false);

    // After the hold time nobody holds the number: unidentified, with the site but no traffic.
    const late = await callIn(salon, ofA!.phone, at(60));
    expect(late).toMatchObject({
      trackingRule: "unidentified",
      siteId: salon.site.id,
      sourceId: null,
      channel: null,
    });
    const toFallback = await callIn(salon, salon.fallback!.phone, at(5));
    expect(toFallback).toMatchObject({
      trackingRule: "unidentified",
      trackingNumberId: salon.fallback!.id,
    });
    const untracked = await callIn(salon, "+74950000000", at(5));
    expect(untracked).toMatchObject({ trackingRule: "unidentified", trackingNumberId: null });
  });

  it("credits a static number's call to its campaign and the campaign's source", async () => {
    const salon = await createSalon({ poolSize: 0 });
    await visit(salon, "a", "a1", at(0), "maps");
    const session = await db.trackerSession.findFirstOrThrow({
      where: { tenantId: salon.tenantId },
    });
    await salon.addNumber("+74957770600", {
      usage: "static",
      campaignId: session.campaignId,
      siteId: null,
    });
    const call = await callIn(salon, "+74957770600", at(3));
    expect(call).toMatchObject({
      trackingRule: "static_number",
      sourceId: session.sourceId,
      campaignId: session.campaignId,
      channel: "paid",
      sessionId: null,
    });
  });
});

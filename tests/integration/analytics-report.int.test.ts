// The analytics report (docs/analytics.md) over a fixture workspace whose every figure is counted
// by hand below: rows written as the pipelines leave them, the triggers queue their days, the
// refresh rebuilds those days, and the report sums them. Real PostgreSQL.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { loadAnalyticsReport, type TReportRow } from "@/server/domain/analytics/report/load-report";
import { loadUtmBreakdown } from "@/server/domain/analytics/report/load-utm-breakdown";
import { refreshAnalyticsRollups } from "@/server/domain/analytics/rollups/refresh-rollups";

import {
  createCall,
  createTestDeal,
  createTestKlientiksAddress,
  createTestTelephonyConnection,
} from "../support/factories";
import { createTestDb, isEmbeddedDatabase } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

type TFixture = Awaited<ReturnType<typeof seedWorkspace>>;

/** Moscow is UTC+3: 2026-10-31T22:30Z is 01:30 on 1 November there. */
async function seedWorkspace(name: string) {
  const { tenantId, endpoint } = await createTestKlientiksAddress(db, name);
  const connectionId = endpoint.connectionId;
  const site = await db.site.create({
    data: {
      id: createId("site"),
      tenantId,
      domain: `${randomUUID()}.example`,
      name: "Сайт",
      publicKey: randomUUID(),
    },
  });
  const direct = await db.source.create({
    data: { id: createId("src"), tenantId, name: "Яндекс Директ", channel: "paid" },
  });
  const organic = await db.source.create({
    data: { id: createId("src"), tenantId, name: "Google", channel: "organic" },
  });
  const spring = await db.adCampaign.create({
    data: {
      id: createId("cmp"),
      tenantId,
      sourceId: direct.id,
      name: "Весна",
      utmCampaigns: ["spring"],
    },
  });
  const idle = await db.adCampaign.create({
    data: {
      id: createId("cmp"),
      tenantId,
      sourceId: direct.id,
      name: "Без визитов",
      utmCampaigns: [],
    },
  });
  const paid = { channel: "paid" as const, sourceId: direct.id, campaignId: spring.id };
  const session = (startedAt: string, traffic: object) =>
    db.trackerSession.create({
      data: {
        id: createId("ses"),
        tenantId,
        siteId: site.id,
        visitorId: randomUUID(),
        sessionKey: randomUUID(),
        startedAt: new Date(startedAt),
        lastSeenAt: new Date(startedAt),
        landingUrl: "https://example.test/",
        channel: "direct",
        ...traffic,
      },
    });
  await session("2026-10-31T22:30:00Z", { ...paid, utmContent: "banner" });
  await session("2026-11-03T09:00:00Z", { ...paid, utmContent: "banner" });
  await session("2026-11-03T10:00:00Z", { ...paid, utmContent: "text" });
  await session("2026-11-04T10:00:00Z", { channel: "organic", sourceId: organic.id });
  await session("2026-11-05T10:00:00Z", { channel: "organic", sourceId: organic.id });
  await session("2026-11-06T10:00:00Z", { channel: "direct" });
  await session("2026-10-20T10:00:00Z", { ...paid, utmContent: "banner" });

  const lead = (crmCreatedAt: string, traffic: object) =>
    db.lead.create({
      data: {
        id: createId("lead"),
        externalId: createId("ext"),
        tenantId,
        connectionId,
        crmCreatedAt: new Date(crmCreatedAt),
        attributionRule: "session_id",
        ...traffic,
      },
    });
  await lead("2026-11-03T09:10:00Z", { ...paid, utmContent: "banner" });
  await lead("2026-11-03T10:10:00Z", { ...paid, utmContent: "text" });
  await lead("2026-11-05T10:10:00Z", { channel: "organic", sourceId: organic.id });

  const phone = await createTestTelephonyConnection(db, tenantId);
  await createCall(
    db,
    { tenantId, connectionId: phone.id },
    { startedAt: new Date("2026-11-07T08:00:00Z") },
  );
  await createCall(
    db,
    { tenantId, connectionId: phone.id },
    { startedAt: new Date("2026-11-07T09:00:00Z"), direction: "outgoing" },
  );
  // A call to a pool number the spring ad's visit held (docs/call-tracking.md §4).
  await createCall(
    db,
    { tenantId, connectionId: phone.id },
    {
      startedAt: new Date("2026-11-07T10:00:00Z"),
      clientPhone: "+79990000009",
      trackingRule: "dynamic_number",
      ...paid,
      utmContent: "banner",
    },
  );

  const client = (phoneNumber: string) =>
    db.client.create({ data: { id: createId("cli"), tenantId, phone: phoneNumber } });
  const [anna, boris, vera] = await Promise.all([
    client("+79990000001"),
    client("+79990000002"),
    client("+79990000003"),
  ]);
  const deal = (crmCreatedAt: string, seed: object) =>
    createTestDeal(
      db,
      { tenantId, connectionId },
      { crmCreatedAt: new Date(crmCreatedAt), ...seed },
    );
  const annaFirst = await deal("2026-11-03T09:10:00Z", {
    ...paid,
    utmContent: "banner",
    clientId: anna.id,
    stageGroup: "won",
    amountMinor: 300_000,
  });
  await deal("2026-11-20T09:10:00Z", { ...paid, utmContent: "banner", clientId: anna.id });
  await deal("2026-11-05T10:10:00Z", {
    channel: "organic",
    sourceId: organic.id,
    clientId: boris.id,
    stageGroup: "lost",
  });
  await deal("2026-11-08T10:00:00Z", { stageGroup: "won", amountMinor: 100_000 });
  await deal("2026-10-25T10:00:00Z", {
    ...paid,
    utmContent: "banner",
    clientId: vera.id,
    stageGroup: "won",
    amountMinor: 50_000,
  });

  const cost = (campaignId: string, periodStart: string, periodEnd: string, amountMinor: number) =>
    db.adCost.create({
      data: {
        id: `cost_${randomUUID()}`,
        tenantId,
        campaignId,
        periodStart: new Date(periodStart),
        periodEnd: new Date(periodEnd),
        amountMinor,
        origin: "manual",
      },
    });
  await cost(spring.id, "2026-11-01", "2026-11-30", 1_000_000);
  // 31 days, 14 of them in November: 140 000 there, 170 000 in October.
  await cost(spring.id, "2026-10-15", "2026-11-14", 310_000);
  await cost(idle.id, "2026-11-10", "2026-11-10", 5_000);
  return { tenantId, direct, organic, spring, idle, annaFirst };
}

async function reportOf(fixture: TFixture, showsCosts = true) {
  await refreshAnalyticsRollups(db, { tenantId: fixture.tenantId, maxDays: 500 });
  return loadAnalyticsReport(db, { tenantId: fixture.tenantId, period: NOVEMBER, showsCosts });
}

const rowOf = (rows: TReportRow[], level: TReportRow["level"], key: Partial<TReportRow> = {}) =>
  rows.find(
    (row) =>
      row.level === level &&
      Object.entries(key).every(([name, value]) => row[name as keyof TReportRow] === value),
  );

describe("analytics report", () => {
  let fixture: TFixture;
  beforeAll(async () => {
    fixture = await seedWorkspace("Отчёт");
    await seedWorkspace("Чужой"); // the same rows in another workspace must not count
  });

  it("totals every figure of the period and of the one before, by the workspace's days", async () => {
    const { rows, previousPeriod } = await reportOf(fixture);
    expect(previousPeriod).toEqual({ from: "2026-10-02", to: "2026-10-31" });
    expect(rowOf(rows, "total")?.current).toEqual({
      visits: 6,
      bookings: 3,
      calls: 2,
      newClients: 2,
      deals: 4,
      wonDeals: 2,
      lostDeals: 1,
      revenueMinor: 400_000,
      costMinor: 1_145_000,
    });
    expect(rowOf(rows, "total")?.previous).toEqual({
      visits: 1,
      bookings: 0,
      calls: 0,
      newClients: 1,
      deals: 1,
      wonDeals: 1,
      lostDeals: 0,
      revenueMinor: 50_000,
      costMinor: 170_000,
    });
  });

  it("groups by channel, source and campaign, and keeps a cost without visits", async () => {
    const { rows } = await reportOf(fixture);
    const spring = rowOf(rows, "campaign", { campaignId: fixture.spring.id })?.current;
    expect(spring).toMatchObject({
      visits: 3,
      bookings: 2,
      calls: 1,
      deals: 2,
      wonDeals: 1,
      newClients: 1,
    });
    expect(spring).toMatchObject({ revenueMinor: 300_000, costMinor: 1_140_000 });
    expect(rowOf(rows, "campaign", { campaignId: fixture.idle.id })?.current).toMatchObject({
      visits: 0,
      deals: 0,
      costMinor: 5_000,
    });
    expect(rowOf(rows, "source", { sourceId: fixture.direct.id })?.current.costMinor).toBe(
      1_145_000,
    );
    expect(rowOf(rows, "channel", { channel: "organic" })?.current).toMatchObject({
      visits: 2,
      bookings: 1,
      deals: 1,
      lostDeals: 1,
    });
    // A call not credited to traffic and the deal without a client's communication: «Не определён».
    expect(rowOf(rows, "channel", { channel: "" })?.current).toMatchObject({
      calls: 1,
      deals: 1,
      wonDeals: 1,
      revenueMinor: 100_000,
    });
    expect(rowOf(rows, "channel", { channel: "direct" })?.current.visits).toBe(1);
  });

  it("opens a campaign by UTM content", async () => {
    const utm = await loadUtmBreakdown(db, {
      tenantId: fixture.tenantId,
      period: NOVEMBER,
      channel: "paid",
      sourceId: fixture.direct.id,
      campaignId: fixture.spring.id,
    });
    expect(utm.map((row) => [row.utmContent, row.current.visits, row.current.deals])).toEqual([
      ["banner", 2, 2],
      ["text", 1, 0],
    ]);
  });

  it("leaves costs out for a viewer who may not see them", async () => {
    const { rows } = await reportOf(fixture, false);
    expect(rowOf(rows, "total")?.current.costMinor).toBeNull();
  });

  it("follows a deal's change after the next refresh", async () => {
    await db.deal.update({
      where: { id: fixture.annaFirst.id },
      data: { stageGroup: "lost" },
    });
    const total = rowOf((await reportOf(fixture)).rows, "total")?.current;
    expect(total).toMatchObject({ wonDeals: 1, lostDeals: 2, revenueMinor: 100_000 });
    await db.deal.update({ where: { id: fixture.annaFirst.id }, data: { stageGroup: "won" } });
  });

  it("moves the new client to a later deal when the first one goes", async () => {
    const { tenantId } = fixture;
    const earlier = await createTestDeal(
      db,
      { tenantId, connectionId: fixture.annaFirst.connectionId },
      { crmCreatedAt: new Date("2026-10-10T10:00:00Z"), clientId: fixture.annaFirst.clientId },
    );
    let report = await reportOf(fixture);
    expect(rowOf(report.rows, "total")?.current.newClients).toBe(1);
    await db.deal.delete({ where: { id: earlier.id } });
    report = await reportOf(fixture);
    expect(rowOf(report.rows, "total")?.current.newClients).toBe(2);
  });

  it("rebuilds every day when the workspace's time zone changes", async () => {
    await db.tenant.update({ where: { id: fixture.tenantId }, data: { timezone: "UTC" } });
    const total = rowOf((await reportOf(fixture)).rows, "total");
    expect(total?.current.visits).toBe(5);
    expect(total?.previous.visits).toBe(2);
    await db.tenant.update({
      where: { id: fixture.tenantId },
      data: { timezone: "Europe/Moscow" },
    });
    expect(rowOf((await reportOf(fixture)).rows, "total")?.current.visits).toBe(6);
  });

  it("counts every deal when two workers rebuild while deals keep arriving", async (context) => {
    if (await isEmbeddedDatabase(db)) context.skip(); // one session: no row locks between connections
    const other = createTestDb({ maxConnections: 4 });
    const { tenantId, annaFirst } = fixture;
    const before = rowOf((await reportOf(fixture)).rows, "total")?.current.deals ?? 0;
    let isWriting = true;
    const worker = async (client: typeof db) => {
      while (isWriting) await refreshAnalyticsRollups(client, { maxDays: 5 });
    };
    const workers = [worker(db), worker(other)];
    for (let index = 0; index < 40; index += 1)
      await createTestDeal(
        db,
        { tenantId, connectionId: annaFirst.connectionId },
        {
          crmCreatedAt: new Date(`2026-11-${String(1 + (index % 28)).padStart(2, "0")}T12:00:00Z`),
        },
      );
    isWriting = false;
    await Promise.all(workers);
    await other.$disconnect();
    expect(rowOf((await reportOf(fixture)).rows, "total")?.current.deals).toBe(before + 40);
  });
});

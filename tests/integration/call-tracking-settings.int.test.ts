// Settings → Call tracking (docs/call-tracking.md §2): tracking numbers, a site's phones and hold
// time, the pools' coverage and the workspace's unique/target call rules, through the router on
// real PostgreSQL.
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { recomputeCallFlags } from "@/server/domain/call-tracking/call-flags";
import { hasRecentPoolExhaustion } from "@/server/domain/call-tracking/coverage";

import { callerFor, codeOf } from "../support/callers";
import {
  createCall,
  createTestTelephonyConnection,
  createTestUser,
  createTestWorkspace,
} from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

type TWorkspace = Awaited<ReturnType<typeof createWorkspace>>;

/** A workspace with a site, a campaign on Яндекс Директ, its owner's and an agent's callers. */
async function createWorkspace(name = "Коллтрекинг") {
  const { owner, tenant } = await createTestWorkspace(db, name);
  const ownerCaller = callerFor(db, owner, tenant.slug);
  const site = await ownerCaller.sites.create({ domain: `${tenant.slug}.example`, name: "Сайт" });
  const sources = await ownerCaller.sites.sources();
  const direct = sources.find((source) => source.presetKey === "yandex_direct")!;
  const campaign = await ownerCaller.sites.createCampaign({
    name: "Весна",
    sourceId: direct.id,
    utmCampaigns: ["spring"],
  });
  const agentUser = await createTestUser(db, "agent");
  await db.membership.create({
    data: { id: createId("mbr"), tenantId: tenant.id, userId: agentUser.id, role: "agent" },
  });
  return {
    tenantId: tenant.id,
    owner: ownerCaller,
    agent: callerFor(db, agentUser, tenant.slug),
    site,
    source: direct,
    campaign,
  };
}

/** The field errors a procedure refused its input with, as `path:message`. */
const fieldErrorsOf = (promise: Promise<unknown>) =>
  promise.then(
    () => [],
    (error: { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }) =>
      (error.cause?.issues ?? []).map((issue) => `${issue.path.join(".")}:${issue.message}`),
  );

const MINUTE = 60_000;

/** A pool or fallback number of the workspace's site, added by its owner. */
const addSiteNumber = (
  { owner, site }: TWorkspace,
  phone: string,
  usage: "pool" | "fallback" = "pool",
) => owner.callTracking.addNumber({ phone, usage, siteId: site.id });

/** A visit holding `numberId` from `startedAt` for 15 minutes, as lease_tracking_number leaves it. */
async function holdNumber(
  workspace: TWorkspace,
  numberId: string | null,
  { startedAt = new Date(), isFallback = false, sessionKey = createId("ses") } = {},
) {
  const lease = await db.numberLease.create({
    data: {
      id: createId("nls"),
      tenantId: workspace.tenantId,
      numberId,
      siteId: workspace.site.id,
      visitorId: createId("ses"),
      sessionKey,
      isFallback,
      startedAt,
      endsAt: new Date(startedAt.getTime() + 15 * MINUTE),
    },
  });
  if (numberId && !isFallback)
    await db.trackingNumber.update({
      where: { id: numberId },
      data: { leaseId: lease.id, heldUntil: lease.endsAt },
    });
  return lease;
}

let workspace: TWorkspace;
beforeEach(async () => {
  workspace = await createWorkspace();
});

describe("tracking numbers", () => {
  it("adds pool, fallback and static numbers typed in any format, lists, edits and removes them", async () => {
    const { owner, site, source, campaign } = workspace;
    const pool = await addSiteNumber(workspace, "8 (999) 000-00-01", "pool");
    expect(pool).toMatchObject({ phone: "+79990000001", usage: "pool", heldUntil: null });
    const fallback = await addSiteNumber(workspace, "+7 999 000 00 02", "fallback");
    const bySource = await owner.callTracking.addNumber({
      phone: "9990000003",
      usage: "static",
      sourceId: source.id,
    });
    const byCampaign = await owner.callTracking.addNumber({
      phone: "+79990000004",
      usage: "static",
      campaignId: campaign.id,
      siteId: site.id,
    });
    // The campaign's source is implied.
    expect(byCampaign).toMatchObject({ sourceId: source.id, campaignId: campaign.id });

    const { numbers } = await owner.callTracking.overview();
    expect(numbers.map(({ phone, usage }) => `${usage}:${phone}`)).toEqual([
      "pool:+79990000001",
      "fallback:+79990000002",
      "static:+79990000003",
      "static:+79990000004",
    ]);

    const edited = await owner.callTracking.updateNumber({
      numberId: bySource.id,
      changes: { phone: "+79990000005", usage: "pool", siteId: site.id, sourceId: source.id },
    });
    expect(edited).toMatchObject({ usage: "pool", siteId: site.id, sourceId: null });
    await owner.callTracking.removeNumber({ numberId: fallback.id });
    expect((await owner.callTracking.overview()).numbers.map(({ id }) => id)).toEqual([
      pool.id,
      bySource.id,
      byCampaign.id,
    ]);

    const actions = await db.auditLog.findMany({
      where: { tenantId: workspace.tenantId, targetType: "tracking_number" },
      select: { action: true },
    });
    expect(actions.map(({ action }) => action).sort()).toEqual([
      "tracking_number.created",
      "tracking_number.created",
      "tracking_number.created",
      "tracking_number.created",
      "tracking_number.deleted",
      "tracking_number.updated",
    ]);
  });

  it("names the field of each mistake", async () => {
    const { owner, site } = workspace;
    expect(
      await fieldErrorsOf(
        owner.callTracking.addNumber({ phone: "12-34", usage: "pool", siteId: site.id }),
      ),
    ).toEqual(["phone:phoneInvalid"]);
    expect(
      await fieldErrorsOf(owner.callTracking.addNumber({ phone: "+79990000001", usage: "pool" })),
    ).toEqual(["siteId:required"]);
    expect(
      await fieldErrorsOf(
        owner.callTracking.addNumber({ phone: "+79990000001", usage: "static", siteId: site.id }),
      ),
    ).toEqual(["sourceId:required"]);

    await addSiteNumber(workspace, "+79990000001", "fallback");
    expect(
      await codeOf(
        owner.callTracking.addNumber({ phone: "8 999 000 00 01", usage: "pool", siteId: site.id }),
      ),
    ).toBe("TRACKING_NUMBER_TAKEN");
    expect(
      await codeOf(
        owner.callTracking.addNumber({ phone: "+79990000002", usage: "fallback", siteId: site.id }),
      ),
    ).toBe("FALLBACK_NUMBER_EXISTS");
    // The same phone in another workspace is that workspace's business.
    const other = await createWorkspace("Другое");
    await addSiteNumber(other, "+79990000001", "pool");
  });

  it("refuses another workspace's site, source, campaign and number as not found", async () => {
    const other = await createWorkspace("Чужое");
    const foreignNumber = await addSiteNumber(other, "+79990000009", "pool");
    const { owner } = workspace;
    for (const attempt of [
      () =>
        owner.callTracking.addNumber({
          phone: "+79990000001",
          usage: "pool",
          siteId: other.site.id,
        }),
      () =>
        owner.callTracking.addNumber({
          phone: "+79990000001",
          usage: "static",
          sourceId: other.source.id,
        }),
      () =>
        owner.callTracking.addNumber({
          phone: "+79990000001",
          usage: "static",
          campaignId: other.campaign.id,
        }),
      () =>
        owner.callTracking.updateNumber({
          numberId: foreignNumber.id,
          changes: { phone: "+79990000001", usage: "pool", siteId: workspace.site.id },
        }),
      () => owner.callTracking.removeNumber({ numberId: foreignNumber.id }),
      () =>
        owner.callTracking.updateSite({
          siteId: other.site.id,
          changes: { phoneTargets: ["+74950000000"], phoneSelector: null, poolHoldMinutes: 15 },
        }),
    ])
      expect(await codeOf(attempt())).toBe("NOT_FOUND");
    expect(await db.trackingNumber.count({ where: { tenantId: workspace.tenantId } })).toBe(0);
    expect(await db.trackingNumber.findUnique({ where: { id: foreignNumber.id } })).toMatchObject({
      phone: "+79990000009",
    });
  });

  it("lets an agent read but not write", async () => {
    const { agent, site } = workspace;
    expect((await agent.callTracking.overview()).sites.map(({ id }) => id)).toEqual([site.id]);
    for (const attempt of [
      () => agent.callTracking.addNumber({ phone: "+79990000001", usage: "pool", siteId: site.id }),
      () =>
        agent.callTracking.updateSite({
          siteId: site.id,
          changes: { phoneTargets: ["+74950000000"], phoneSelector: null, poolHoldMinutes: 15 },
        }),
      () => agent.callTracking.updateSettings({ callUniqueDays: 7, callTargetSeconds: 10 }),
    ])
      expect(await codeOf(attempt())).toBe("FORBIDDEN");
  });

  it("ends the visit holding a number that is re-purposed or removed", async () => {
    const { owner, source } = workspace;
    const first = await addSiteNumber(workspace, "+79990000001", "pool");
    const second = await addSiteNumber(workspace, "+79990000002", "pool");
    const firstLease = await holdNumber(workspace, first.id);
    const secondLease = await holdNumber(workspace, second.id);
    const held = (await owner.callTracking.overview()).numbers;
    expect(held.every((number) => number.heldUntil !== null)).toBe(true);

    const before = new Date();
    await owner.callTracking.updateNumber({
      numberId: first.id,
      changes: { phone: "+79990000001", usage: "static", sourceId: source.id },
    });
    const released = await db.trackingNumber.findUniqueOrThrow({ where: { id: first.id } });
    expect(released.leaseId).toBeNull();
    expect(released.heldUntil.getTime()).toBeLessThanOrEqual(Date.now());
    const endedLease = await db.numberLease.findUniqueOrThrow({ where: { id: firstLease.id } });
    expect(endedLease.endsAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(endedLease.endsAt.getTime()).toBeLessThanOrEqual(Date.now());

    await owner.callTracking.removeNumber({ numberId: second.id });
    expect(await db.numberLease.findUnique({ where: { id: secondLease.id } })).toBeNull();
  });
});

describe("site settings and coverage", () => {
  it("saves the site's phones in E.164, its selector and hold time, with field errors", async () => {
    const { owner, site } = workspace;
    const saved = await owner.callTracking.updateSite({
      siteId: site.id,
      changes: {
        phoneTargets: ["8 (495) 123-45-67", "+7 495 123 45 67", "8 800 555 35 35"],
        phoneSelector: " .header .phone ",
        poolHoldMinutes: 30,
      },
    });
    expect(saved).toMatchObject({
      phoneTargets: ["+74951234567", "+78005553535"],
      phoneSelector: ".header .phone",
      poolHoldMinutes: 30,
    });
    expect(
      await fieldErrorsOf(
        owner.callTracking.updateSite({
          siteId: site.id,
          changes: { phoneTargets: [], phoneSelector: "a { }", poolHoldMinutes: 121 },
        }),
      ),
    ).toEqual(["changes.phoneSelector:selectorInvalid", "changes.poolHoldMinutes:tooBig"]);
    expect(
      await fieldErrorsOf(
        owner.callTracking.updateSite({
          siteId: site.id,
          changes: { phoneTargets: [], phoneSelector: "", poolHoldMinutes: 15 },
        }),
      ),
    ).toEqual(["changes.phoneTargets:phoneTargetsRequired"]);
    expect(
      await db.auditLog.count({
        where: { tenantId: workspace.tenantId, action: "site.call_tracking_updated" },
      }),
    ).toBe(1);
  });

  it("counts the share of visits that got a pool number over 7 days, and recent exhaustion", async () => {
    const { owner } = workspace;
    const number = await addSiteNumber(workspace, "+79990000001", "pool");
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * MINUTE);
    // Three visits with the pool number (one of them renewed into two leases), one old one.
    const renewed = createId("ses");
    await holdNumber(workspace, number.id, { startedAt: daysAgo(3), sessionKey: renewed });
    await holdNumber(workspace, number.id, { startedAt: daysAgo(2.9), sessionKey: renewed });
    await holdNumber(workspace, number.id, { startedAt: daysAgo(2) });
    await holdNumber(workspace, number.id, { startedAt: daysAgo(1) });
    await holdNumber(workspace, number.id, { startedAt: daysAgo(8) });
    // One visit got the fallback two days ago: no recent exhaustion yet.
    await holdNumber(workspace, null, { startedAt: daysAgo(2), isFallback: true });
    expect(await hasRecentPoolExhaustion(db, { tenantId: workspace.tenantId })).toBe(false);

    let [coverage] = (await owner.callTracking.overview()).sites.map((s) => s.coverage);
    expect(coverage).toEqual({
      sessions: 4,
      poolSessions: 3,
      share: 0.75,
      fallbackGrants: 1,
      isExhaustedRecently: false,
    });

    await holdNumber(workspace, null, { startedAt: daysAgo(0.5), isFallback: true });
    [coverage] = (await owner.callTracking.overview()).sites.map((s) => s.coverage);
    expect(coverage).toMatchObject({ sessions: 5, fallbackGrants: 2, isExhaustedRecently: true });
    expect(await hasRecentPoolExhaustion(db, { tenantId: workspace.tenantId })).toBe(true);
    const other = await createWorkspace("Без исчерпания");
    expect(await hasRecentPoolExhaustion(db, { tenantId: other.tenantId })).toBe(false);
  });
});

describe("unique and target calls", () => {
  it("recomputes every incoming call's flags when the rules change, in the workspace only", async () => {
    const { owner, tenantId } = workspace;
    const connection = await createTestTelephonyConnection(db, tenantId);
    const scope = { tenantId, connectionId: connection.id };
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * MINUTE);
    const first = await createCall(db, scope, { startedAt: daysAgo(20), talkSeconds: 20 });
    const second = await createCall(db, scope, { startedAt: daysAgo(10), talkSeconds: 45 });
    const third = await createCall(db, scope, { startedAt: daysAgo(1), talkSeconds: null });
    const otherPhone = await createCall(db, scope, {
      startedAt: daysAgo(5),
      clientPhone: "+79995550000",
      talkSeconds: 120,
    });
    const outgoing = await createCall(db, scope, {
      startedAt: daysAgo(2),
      direction: "outgoing",
      clientPhone: "+79995550000",
      talkSeconds: 300,
      isUniqueCall: true,
      isTargetCall: false,
    });
    const flagsOf = async () =>
      Object.fromEntries(
        (
          await db.call.findMany({
            where: { tenantId },
            select: { id: true, isUniqueCall: true, isTargetCall: true },
          })
        ).map(({ id, isUniqueCall, isTargetCall }) => [id, `${isUniqueCall}/${isTargetCall}`]),
      );

    // Under the defaults: unique within 30 days, target from 30 s.
    await recomputeCallFlags(db, tenantId);
    expect(await flagsOf()).toEqual({
      [first.id]: "true/false",
      [second.id]: "false/true",
      [third.id]: "false/false",
      [otherPhone.id]: "true/true",
      [outgoing.id]: "true/false",
    });

    const other = await createWorkspace("Чужие звонки");
    const otherConnection = await createTestTelephonyConnection(db, other.tenantId);
    const foreign = await createCall(
      db,
      { tenantId: other.tenantId, connectionId: otherConnection.id },
      { startedAt: daysAgo(3), talkSeconds: 5, isUniqueCall: false, isTargetCall: true },
    );

    expect(
      await owner.callTracking.updateSettings({ callUniqueDays: 7, callTargetSeconds: 60 }),
    ).toEqual({ callUniqueDays: 7, callTargetSeconds: 60 });
    expect(await flagsOf()).toEqual({
      [first.id]: "true/false",
      [second.id]: "true/false",
      [third.id]: "true/false",
      [otherPhone.id]: "true/true",
      [outgoing.id]: "true/false",
    });
    expect((await owner.callTracking.overview()).settings).toEqual({
      callUniqueDays: 7,
      callTargetSeconds: 60,
    });
    expect(
      await db.call.findUniqueOrThrow({
        where: { id: foreign.id },
        select: { isUniqueCall: true, isTargetCall: true },
      }),
    ).toEqual({ isUniqueCall: false, isTargetCall: true });
    expect(
      await db.auditLog.count({ where: { tenantId, action: "workspace.call_settings_updated" } }),
    ).toBe(1);
    expect(
      await fieldErrorsOf(
        owner.callTracking.updateSettings({ callUniqueDays: 0, callTargetSeconds: 3601 }),
      ),
    ).toEqual(["callUniqueDays:tooSmall", "callTargetSeconds:tooBig"]);
  });
});

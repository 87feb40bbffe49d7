// Settings → Attribution (issue 11 §1, deal-attribution §11): the model, the window and the
// lead_source mapping saved through the router, and the deal recompute each change starts bringing
// the stored deals under them. Real PostgreSQL; the recompute runs in-process, as the inline worker does.
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { recomputeDealAttribution } from "@/server/domain/analytics/recompute-attribution";
import { findDealRecomputeProgress, runDealRecompute } from "@/server/domain/deals/recompute-deals";
import { getKlientiksDeps } from "@/server/klientiks-deps";

import {
  createAttributionWorkspace,
  createClientDeal,
  createClientLead,
  daysBeforeDeal,
  type TAttributionWorkspace,
} from "../support/attribution-world";
import { callerFor, codeOf } from "../support/callers";
import { createTestUser, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

type TWorkspace = Omit<TAttributionWorkspace, "owner"> & { owner: TCaller };
type TCaller = ReturnType<typeof callerFor>;

/** A Klientiks workspace with one client, and its owner's caller. */
async function createWorkspace(): Promise<TWorkspace> {
  const workspace = await createAttributionWorkspace(db, "Атрибуция");
  return { ...workspace, owner: callerFor(db, workspace.owner, workspace.slug) };
}

const createLead = (workspace: TWorkspace, seed: Parameters<typeof createClientLead>[2]) =>
  createClientLead(db, workspace, seed);

/** A deal of the client, attributed under the current settings as its upsert would leave it. */
async function createAttributedDeal(workspace: TWorkspace, leadSource: string | null = null) {
  const deal = await createClientDeal(db, workspace, { leadSource });
  await recomputeDealAttribution(db, { tenantId: workspace.tenantId, dealIds: [deal.id] });
  return deal;
}

const createSource = (tenantId: string, name: string) =>
  db.source.create({
    data: { id: createId("src"), tenantId, name, channel: "social" },
    select: { id: true },
  });

const attributionOf = (dealId: string) =>
  db.deal.findUniqueOrThrow({
    where: { id: dealId },
    select: { attributionRule: true, sourceId: true, channel: true, creditedLeadId: true },
  });

/** Runs the recompute the last change started to the end, as the job driver would. */
async function runStartedRecompute(workspace: TWorkspace) {
  const job = await findDealRecomputeProgress(db, workspace);
  expect(job?.status).toBe("running");
  await runDealRecompute(db, getKlientiksDeps(), {
    tenantId: workspace.tenantId,
    jobId: job!.id,
  });
  expect(await findDealRecomputeProgress(db, workspace)).toMatchObject({
    status: "completed",
    done: await db.deal.count({ where: { tenantId: workspace.tenantId } }),
  });
}

let workspace: TWorkspace;
beforeEach(async () => {
  workspace = await createWorkspace();
});

describe("model and window", () => {
  it("starts with the defaults and re-attributes every deal when the model changes", async () => {
    const ad = await createLead(workspace, {
      crmCreatedAt: daysBeforeDeal(10),
      channel: "paid",
      utmSource: "yandex",
    });
    const direct = await createLead(workspace, {
      crmCreatedAt: daysBeforeDeal(2),
      channel: "direct",
    });
    const deal = await createAttributedDeal(workspace);
    expect(await workspace.owner.attribution.settings()).toEqual({
      model: "last_non_direct",
      windowDays: 90,
    });
    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last_non_direct",
      creditedLeadId: ad.id,
    });

    expect(
      await workspace.owner.attribution.updateSettings({ model: "last", windowDays: 90 }),
    ).toEqual({ recomputeStarted: true });
    await runStartedRecompute(workspace);

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last",
      channel: "direct",
      creditedLeadId: direct.id,
    });
    expect(
      await db.auditLog.findFirst({
        where: { tenantId: workspace.tenantId, action: "attribution.settings_updated" },
        select: { data: true },
      }),
    ).toMatchObject({ data: { settings: { model: "last", windowDays: 90 } } });
  });

  it("drops a communication that falls outside a narrowed window", async () => {
    await createLead(workspace, { crmCreatedAt: daysBeforeDeal(10), channel: "paid" });
    const deal = await createAttributedDeal(workspace);

    await workspace.owner.attribution.updateSettings({ model: "last_non_direct", windowDays: 5 });
    await runStartedRecompute(workspace);

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "undetermined",
      creditedLeadId: null,
    });
  });

  it("saving the same settings again starts nothing", async () => {
    expect(
      await workspace.owner.attribution.updateSettings({
        model: "last_non_direct",
        windowDays: 90,
      }),
    ).toEqual({ recomputeStarted: false });
    expect(await findDealRecomputeProgress(db, workspace)).toBeNull();
  });

  it("saving the same settings again retries a recompute that stopped on an error", async () => {
    await workspace.owner.attribution.updateSettings({ model: "first", windowDays: 90 });
    await db.dealRecomputeJob.updateMany({
      where: { tenantId: workspace.tenantId },
      data: { status: "failed", error: "KLIENTIKS_AUTH_FAILED" },
    });

    expect(
      await workspace.owner.attribution.updateSettings({ model: "first", windowDays: 90 }),
    ).toEqual({ recomputeStarted: true });
    expect(await findDealRecomputeProgress(db, workspace)).toMatchObject({ status: "running" });
  });

  it("refuses a window outside 1–365 with an error naming the field", async () => {
    for (const windowDays of [0, 366, 1.5]) {
      const error = await workspace.owner.attribution
        .updateSettings({ model: "first", windowDays })
        .catch((caught: { cause?: { issues?: { path: string[]; message: string }[] } }) => caught);
      expect(error).toMatchObject({
        cause: { issues: [{ path: ["windowDays"], message: "attributionWindowDays" }] },
      });
    }
    expect(await workspace.owner.attribution.settings()).toMatchObject({ windowDays: 90 });
  });

  it("only saves in a workspace without Klientiks, which has no deals", async () => {
    const { owner, tenant } = await createTestWorkspace(db, "Без Клиентикса");
    const caller = callerFor(db, owner, tenant.slug);

    expect(await caller.attribution.updateSettings({ model: "first", windowDays: 30 })).toEqual({
      recomputeStarted: false,
    });
    expect(await caller.attribution.settings()).toEqual({ model: "first", windowDays: 30 });
  });
});

describe("lead_source mapping", () => {
  it("lists an unmapped value and moves its deal to the source it is mapped to", async () => {
    const deal = await createAttributedDeal(workspace, " Instagram ");
    await createAttributedDeal(workspace, "instagram");
    const source = await createSource(workspace.tenantId, "Инстаграм");
    expect(await attributionOf(deal.id)).toMatchObject({ attributionRule: "undetermined" });
    expect(await workspace.owner.attribution.leadSources()).toEqual([
      { key: "instagram", label: "Instagram", dealCount: 2, fallbackDealCount: 2, sourceId: null },
    ]);

    expect(
      await workspace.owner.attribution.mapLeadSource({ value: "INSTAGRAM", sourceId: source.id }),
    ).toEqual({ recomputeStarted: true });
    await runStartedRecompute(workspace);

    expect(await attributionOf(deal.id)).toEqual({
      attributionRule: "client_lead_source",
      sourceId: source.id,
      channel: "social",
      creditedLeadId: null,
    });
    expect(await workspace.owner.attribution.leadSources()).toMatchObject([
      { key: "instagram", dealCount: 2, fallbackDealCount: 2, sourceId: source.id },
    ]);

    await workspace.owner.attribution.unmapLeadSource({ value: "instagram" });
    await runStartedRecompute(workspace);
    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "undetermined",
      sourceId: null,
    });
  });

  it("adds a value typed by hand, normalised, before any deal declares it", async () => {
    const source = await createSource(workspace.tenantId, "2ГИС");

    await workspace.owner.attribution.mapLeadSource({
      value: "  2ГИС   Карты ",
      sourceId: source.id,
    });

    expect(await workspace.owner.attribution.leadSources()).toEqual([
      {
        key: "2гис карты",
        label: "2гис карты",
        dealCount: 0,
        fallbackDealCount: 0,
        sourceId: source.id,
      },
    ]);
  });

  it("refuses a source of another workspace", async () => {
    const foreign = await createWorkspace();
    const foreignSource = await createSource(foreign.tenantId, "Чужой");

    expect(
      await codeOf(
        workspace.owner.attribution.mapLeadSource({ value: "Авито", sourceId: foreignSource.id }),
      ),
    ).toBe("UNKNOWN_SOURCE");
    expect(await db.leadSourceMapping.count({ where: { tenantId: workspace.tenantId } })).toBe(0);
    expect(await findDealRecomputeProgress(db, workspace)).toBeNull();
  });
});

describe("who may change it", () => {
  it("refuses an agent every read and write", async () => {
    const user = await createTestUser(db, "agent");
    await db.membership.create({
      data: { id: createId("mbr"), tenantId: workspace.tenantId, userId: user.id, role: "agent" },
    });
    const agent = callerFor(db, user, workspace.slug);
    const source = await createSource(workspace.tenantId, "Инстаграм");

    expect(await codeOf(agent.attribution.settings())).toBe("FORBIDDEN");
    expect(await codeOf(agent.attribution.updateSettings({ model: "first", windowDays: 30 }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(agent.attribution.mapLeadSource({ value: "Инстаграм", sourceId: source.id })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(agent.attribution.unmapLeadSource({ value: "Инстаграм" }))).toBe(
      "FORBIDDEN",
    );
    expect(await workspace.owner.attribution.settings()).toEqual({
      model: "last_non_direct",
      windowDays: 90,
    });
    expect(await db.leadSourceMapping.count({ where: { tenantId: workspace.tenantId } })).toBe(0);
  });
});

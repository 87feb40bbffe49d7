// Deal attribution stored on the deal (docs/deal-attribution.md §11): deals, widget leads and calls
// are seeded as the pipelines leave them, then `recomputeDealAttribution` and the hook that follows a
// new communication write the credited communication to the deal. Real PostgreSQL.
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { reattributeDealsAfterCommunication } from "@/server/domain/analytics/reattribute-after-communication";
import { recomputeDealAttribution } from "@/server/domain/analytics/recompute-attribution";

import {
  CLIENT_PHONE,
  createAttributionWorkspace,
  createClientDeal,
  createClientLead,
  daysBeforeDeal,
  DEAL_AT,
  type TAttributionWorkspace,
} from "../support/attribution-world";
import { createCall, createTestTelephonyConnection } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

type TWorkspace = TAttributionWorkspace;
const createWorkspace = (name: string) => createAttributionWorkspace(db, name);
const createLead = (workspace: TWorkspace, seed: Parameters<typeof createClientLead>[2]) =>
  createClientLead(db, workspace, seed);
const createDeal = (workspace: TWorkspace, seed?: Parameters<typeof createClientDeal>[2]) =>
  createClientDeal(db, workspace, seed);

const AD = {
  channel: "paid",
  sourceId: "src_yandex_direct",
  campaignId: "cmp_spring",
  utmSource: "yandex",
  utmMedium: "cpc",
  utmCampaign: "spring",
} as const;

const attributionOf = (dealId: string) =>
  db.deal.findUniqueOrThrow({
    where: { id: dealId },
    select: {
      attributionRule: true,
      sourceId: true,
      campaignId: true,
      channel: true,
      utmCampaign: true,
      creditedLeadId: true,
      creditedCallId: true,
      attributionLeadSource: true,
      updatedAt: true,
    },
  });

/** The hook the pipelines call once a lead or a call of the workspace's client is stored. */
const reattributeAfter = (kind: "widget_lead" | "call", id: string) =>
  reattributeDealsAfterCommunication(db, { tenantId: workspace.tenantId, kind, id });

let workspace: TWorkspace;
beforeEach(async () => {
  workspace = await createWorkspace("Салон");
});

describe("recomputeDealAttribution", () => {
  it("credits the ad booking over a later direct one under last non-direct", async () => {
    const ad = await createLead(workspace, { crmCreatedAt: daysBeforeDeal(10), ...AD });
    await createLead(workspace, { crmCreatedAt: daysBeforeDeal(2), channel: "direct" });
    const deal = await createDeal(workspace);

    const result = await recomputeDealAttribution(db, {
      tenantId: workspace.tenantId,
      dealIds: [deal.id],
    });

    expect(result).toEqual({ examined: 1, written: 1 });
    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last_non_direct",
      channel: "paid",
      sourceId: AD.sourceId,
      campaignId: AD.campaignId,
      utmCampaign: "spring",
      creditedLeadId: ad.id,
      creditedCallId: null,
    });
  });

  it("falls back to the client's lead_source through the mapping table", async () => {
    const source = await db.source.create({
      data: {
        id: createId("src"),
        tenantId: workspace.tenantId,
        name: "Instagram",
        channel: "social",
      },
    });
    await db.leadSourceMapping.create({
      data: {
        id: createId("lsm"),
        tenantId: workspace.tenantId,
        value: "instagram",
        sourceId: source.id,
      },
    });
    const deal = await createDeal(workspace, { leadSource: " INSTAGRAM " });

    await recomputeDealAttribution(db, {
      tenantId: workspace.tenantId,
      clientIds: [workspace.clientId],
    });

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "client_lead_source",
      sourceId: source.id,
      channel: "social",
      campaignId: null,
      creditedLeadId: null,
      attributionLeadSource: "INSTAGRAM",
    });
  });

  it("leaves a deal with an unmapped lead_source undetermined, keeping the value it read", async () => {
    const deal = await createDeal(workspace, { leadSource: "Рекомендация" });

    await recomputeDealAttribution(db, { tenantId: workspace.tenantId, dealIds: [deal.id] });

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "undetermined",
      sourceId: null,
      channel: null,
      attributionLeadSource: "Рекомендация",
    });
  });

  it("writes nothing on a second run", async () => {
    await createLead(workspace, { crmCreatedAt: daysBeforeDeal(10), ...AD });
    const deal = await createDeal(workspace);
    const input = { tenantId: workspace.tenantId, dealIds: [deal.id] };

    expect(await recomputeDealAttribution(db, input)).toEqual({ examined: 1, written: 1 });
    const first = await attributionOf(deal.id);
    expect(await recomputeDealAttribution(db, input)).toEqual({ examined: 1, written: 0 });
    expect(await attributionOf(deal.id)).toEqual(first);
  });

  it("never credits another workspace's lead of the same phone, nor attributes its deals", async () => {
    const other = await createWorkspace("Чужой салон");
    await createLead(other, { crmCreatedAt: daysBeforeDeal(3), ...AD });
    // Even a row of the other workspace that names our client is not ours.
    await createLead(other, {
      crmCreatedAt: daysBeforeDeal(1),
      ...AD,
      clientId: workspace.clientId,
    });
    const deal = await createDeal(workspace);
    const foreignDeal = await createDeal(other);

    const result = await recomputeDealAttribution(db, {
      tenantId: workspace.tenantId,
      dealIds: [deal.id, foreignDeal.id],
      clientIds: [other.clientId],
    });

    expect(result).toEqual({ examined: 1, written: 1 });
    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "undetermined",
      creditedLeadId: null,
    });
    expect((await attributionOf(foreignDeal.id)).attributionRule).toBeNull();
  });
});

describe("reattributeDealsAfterCommunication", () => {
  it("leaves a deal alone when a lead arrives after it", async () => {
    await createLead(workspace, { crmCreatedAt: daysBeforeDeal(10), ...AD });
    const deal = await createDeal(workspace);
    await recomputeDealAttribution(db, { tenantId: workspace.tenantId, dealIds: [deal.id] });
    const before = await attributionOf(deal.id);

    const later = await createLead(workspace, {
      crmCreatedAt: daysBeforeDeal(-1),
      ...AD,
      campaignId: "cmp_later",
    });
    const result = await reattributeAfter("widget_lead", later.id);

    expect(result.written).toBe(0);
    expect(await attributionOf(deal.id)).toEqual(before);
  });

  it("credits a booking that reached us after the deal but was made before it", async () => {
    const deal = await createDeal(workspace);
    await recomputeDealAttribution(db, { tenantId: workspace.tenantId, dealIds: [deal.id] });
    expect((await attributionOf(deal.id)).attributionRule).toBe("undetermined");

    const lead = await createLead(workspace, { crmCreatedAt: daysBeforeDeal(5), ...AD });
    await reattributeAfter("widget_lead", lead.id);

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last_non_direct",
      creditedLeadId: lead.id,
    });
  });

  it("credits the deal's own booking, linked by id, whatever its time", async () => {
    const deal = await createDeal(workspace, { clientId: null, contactPhone: null });
    const own = await createLead(workspace, {
      crmCreatedAt: DEAL_AT,
      clientId: null,
      dealId: deal.id,
      ...AD,
    });

    await reattributeAfter("widget_lead", own.id);

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last_non_direct",
      creditedLeadId: own.id,
    });
  });

  it("credits an incoming call, a direct communication, when nothing else counts", async () => {
    const deal = await createDeal(workspace);
    const telephony = await createTestTelephonyConnection(db, workspace.tenantId);
    const call = await createCall(
      db,
      { tenantId: workspace.tenantId, connectionId: telephony.id },
      { clientPhone: CLIENT_PHONE, clientId: workspace.clientId, startedAt: daysBeforeDeal(1) },
    );
    const outside = await createCall(
      db,
      { tenantId: workspace.tenantId, connectionId: telephony.id },
      { clientPhone: CLIENT_PHONE, clientId: workspace.clientId, startedAt: daysBeforeDeal(91) },
    );

    expect(await reattributeAfter("call", outside.id)).toEqual({ examined: 0, written: 0 });
    await reattributeAfter("call", call.id);

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last_non_direct_fell_back_to_direct",
      creditedCallId: call.id,
      creditedLeadId: null,
      channel: null,
    });
  });

  it("credits a tracked call with the campaign call tracking gave it", async () => {
    const deal = await createDeal(workspace);
    const telephony = await createTestTelephonyConnection(db, workspace.tenantId);
    const call = await createCall(
      db,
      { tenantId: workspace.tenantId, connectionId: telephony.id },
      {
        clientPhone: CLIENT_PHONE,
        clientId: workspace.clientId,
        startedAt: daysBeforeDeal(2),
        trackingRule: "dynamic_number",
        ...AD,
      },
    );

    await reattributeAfter("call", call.id);

    expect(await attributionOf(deal.id)).toMatchObject({
      attributionRule: "last_non_direct",
      creditedCallId: call.id,
      channel: "paid",
      sourceId: AD.sourceId,
      campaignId: AD.campaignId,
      utmCampaign: "spring",
    });
  });
});

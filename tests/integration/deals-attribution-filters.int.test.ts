// Raw data → Deals by attribution on the real database: the source, campaign and channel filters
// (with «none» for deals credited to nothing, the analytics report's «Не определён» rows), UTM and
// rule filters, the names the list and CSV resolve from the workspace's own sources and campaigns,
// and another workspace's ids finding nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import {
  ZDealListRequestSchema,
  type TDealFilters,
  type TDealListRequest,
} from "@/server/domain/deals/deal-filters";
import { exportDealsCsv } from "@/server/domain/deals/export-deals-csv";
import { findDealById, findDeals } from "@/server/domain/deals/find-deals";

import { KEYS_AND_CODES, parseCsv } from "../support/csv";
import {
  createTestDeal,
  createTestKlientiksConnection,
  createTestWorkspace,
} from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

async function createSalon(name: string) {
  const { tenant } = await createTestWorkspace(db, name);
  const connection = await createTestKlientiksConnection(db, tenant.id);
  const source = await db.source.create({
    data: { id: createId("src"), tenantId: tenant.id, name: "Яндекс Директ", channel: "paid" },
  });
  const campaign = await db.adCampaign.create({
    data: { id: createId("cmp"), tenantId: tenant.id, sourceId: source.id, name: "Весна" },
  });
  return { workspace: { tenantId: tenant.id, connectionId: connection.id }, source, campaign };
}

let salon: Awaited<ReturnType<typeof createSalon>>;
let other: Awaited<ReturnType<typeof createSalon>>;

beforeAll(async () => {
  salon = await createSalon("Салон Атрибуция");
  other = await createSalon("Салон Соседи");
  const { workspace, source, campaign } = salon;
  await createTestDeal(db, workspace, {
    externalId: "ad",
    attributionRule: "last_non_direct",
    sourceId: source.id,
    campaignId: campaign.id,
    channel: "paid",
    utmSource: "yandex",
    utmMedium: "cpc",
    utmCampaign: "spring",
    utmContent: "banner",
    utmTerm: "стрижка",
  });
  await createTestDeal(db, workspace, {
    externalId: "direct",
    attributionRule: "last_non_direct_fell_back_to_direct",
    channel: "direct",
  });
  await createTestDeal(db, workspace, {
    externalId: "source-only",
    attributionRule: "client_lead_source",
    sourceId: source.id,
    channel: "paid",
    attributionLeadSource: "Яндекс",
  });
  await createTestDeal(db, workspace, {
    externalId: "undetermined",
    attributionRule: "undetermined",
  });
  await createTestDeal(db, workspace, { externalId: "never-attributed" });
  // The neighbour's deal carries its own source and campaign: a filter by them must not reach it.
  await createTestDeal(db, other.workspace, {
    externalId: "neighbour",
    attributionRule: "last_non_direct",
    sourceId: other.source.id,
    campaignId: other.campaign.id,
    channel: "paid",
  });
});

const listed = async (tenantId: string, filters: Omit<TDealFilters, "includeSales">) => {
  const request: TDealListRequest = ZDealListRequestSchema.parse({
    filters: { includeSales: true, ...filters },
    sort: { field: "name", direction: "asc" },
  });
  const { data } = await findDeals(db, { tenantId, request });
  return data.map((deal) => deal.externalId).sort();
};

describe("deals filtered by attribution", () => {
  it("filters by source and campaign, «none» meaning none", async () => {
    const { tenantId } = salon.workspace;
    expect(await listed(tenantId, { sourceIds: [salon.source.id] })).toEqual(["ad", "source-only"]);
    expect(await listed(tenantId, { sourceIds: ["none"] })).toEqual([
      "direct",
      "never-attributed",
      "undetermined",
    ]);
    expect(await listed(tenantId, { sourceIds: [salon.source.id, "none"] })).toHaveLength(5);
    expect(await listed(tenantId, { campaignIds: [salon.campaign.id] })).toEqual(["ad"]);
    expect(await listed(tenantId, { sourceIds: [salon.source.id], campaignIds: ["none"] })).toEqual(
      ["source-only"],
    );
  });

  it("filters by channel, «none» included, and by rule and UTM tags", async () => {
    const { tenantId } = salon.workspace;
    expect(await listed(tenantId, { channels: ["paid"] })).toEqual(["ad", "source-only"]);
    expect(await listed(tenantId, { channels: ["direct", "none"] })).toEqual([
      "direct",
      "never-attributed",
      "undetermined",
    ]);
    expect(await listed(tenantId, { attributionRules: ["undetermined", "first"] })).toEqual([
      "undetermined",
    ]);
    expect(await listed(tenantId, { utmContent: ["banner"], utmTerm: ["стрижка"] })).toEqual([
      "ad",
    ]);
    expect(await listed(tenantId, { utmTerm: ["Стрижка"] })).toEqual([]);
  });

  it("finds nothing for another workspace's source or campaign", async () => {
    const { tenantId } = salon.workspace;
    expect(await listed(tenantId, { sourceIds: [other.source.id] })).toEqual([]);
    expect(await listed(tenantId, { campaignIds: [other.campaign.id] })).toEqual([]);
    expect(await listed(other.workspace.tenantId, { sourceIds: [salon.source.id] })).toEqual([]);
    expect(await listed(other.workspace.tenantId, { channels: ["paid"] })).toEqual(["neighbour"]);
  });

  it("names the source and campaign in the list and the drawer", async () => {
    const { tenantId } = salon.workspace;
    const { data } = await findDeals(db, {
      tenantId,
      request: ZDealListRequestSchema.parse({
        filters: { includeSales: true, channels: ["paid"] },
      }),
    });
    const ad = data.find((deal) => deal.externalId === "ad");
    expect(ad).toMatchObject({
      sourceName: "Яндекс Директ",
      campaignName: "Весна",
      channel: "paid",
      attributionRule: "last_non_direct",
    });
    const detail = await findDealById(db, { tenantId, dealId: ad!.id });
    expect(detail).toMatchObject({ sourceName: "Яндекс Директ", creditedLeadId: null });
    // Another workspace's deal id is simply not found.
    expect(await findDealById(db, { tenantId: other.workspace.tenantId, dealId: ad!.id })).toBe(
      null,
    );
  });

  it("exports the attribution columns of the filtered deals", async () => {
    let text = "";
    for await (const chunk of exportDealsCsv(db, {
      tenantId: salon.workspace.tenantId,
      filters: { includeSales: true, sourceIds: [salon.source.id] },
      sort: { field: "name", direction: "asc" },
      timeZone: "Europe/Moscow",
      ...KEYS_AND_CODES,
      valueLabel: (kind, value) => (value ? `${kind}:${value}` : ""),
    }))
      text += chunk;
    const [header, ...rows] = parseCsv(text.slice(1));
    const column = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)];
    const ad = rows.find((row) => row[0] === "ad");
    const sourceOnly = rows.find((row) => row[0] === "source-only");
    expect(rows).toHaveLength(2);
    expect(header?.slice(-10)).toEqual([
      "siteName",
      "sourceName",
      "campaignName",
      "channel",
      "utmSource",
      "utmMedium",
      "utmCampaign",
      "utmContent",
      "utmTerm",
      "attributionRule",
    ]);
    expect(column(ad, "sourceName")).toBe("Яндекс Директ");
    expect(column(ad, "campaignName")).toBe("Весна");
    expect(column(ad, "channel")).toBe("channel:paid");
    expect(column(ad, "utmTerm")).toBe("стрижка");
    expect(column(ad, "attributionRule")).toBe("dealAttributionRule:last_non_direct");
    expect(column(sourceOnly, "campaignName")).toBe("");
    expect(column(sourceOnly, "attributionRule")).toBe("dealAttributionRule:client_lead_source");
  });
});

// Raw data → Обращения и цели on the real database (docs/call-tracking.md §6): widget bookings and
// incoming calls in one list from the `Communication` view — newest first across both kinds, every
// filter the calls brought (kind, unique, target, tracking rules, channel and «none»), the search
// across both, the capped count, and another workspace's rows never showing.
import type { Prisma } from "@generated/prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { findLeads } from "@/server/domain/leads/find-leads";
import { ZLeadListRequestSchema, type TLeadFilters } from "@/server/domain/leads/lead-filters";
import { LIST_COUNT_CAP } from "@/server/domain/lists/capped-count";
import { findSources } from "@/server/domain/sites/find-sources";

import {
  createCall,
  createTestKlientiksAddress,
  createTestTelephonyConnection,
  type TCallSeed,
} from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

/** A workspace with a Klientiks and a telephony connection and the preset sources. */
async function createWorkspace(name: string) {
  const { tenantId, endpoint } = await createTestKlientiksAddress(db, name);
  const tenant = { id: tenantId };
  const klientiks = { id: endpoint.connectionId };
  const pbx = await createTestTelephonyConnection(db, tenant.id);
  const sources = await findSources(db, { tenantId: tenant.id });
  const yandex = sources.find((source) => source.presetKey === "yandex_direct")!;
  const addLead = (data: Partial<Prisma.LeadUncheckedCreateInput> & { externalId: string }) =>
    db.lead.create({
      data: {
        id: createId("lead"),
        tenantId: tenant.id,
        connectionId: klientiks.id,
        attributionRule: "session_id",
        crmCreatedAt: new Date("2026-11-02T09:00:00Z"),
        ...data,
      },
    });
  const addCall = (seed: TCallSeed) =>
    createCall(db, { tenantId: tenant.id, connectionId: pbx.id }, seed);
  const list = (filters: TLeadFilters = {}, request: Record<string, unknown> = {}) =>
    findLeads(db, {
      tenantId: tenant.id,
      request: ZLeadListRequestSchema.parse({ ...request, filters }),
    });
  return { tenantId: tenant.id, pbxId: pbx.id, yandex, addLead, addCall, list };
}

type TWorkspace = Awaited<ReturnType<typeof createWorkspace>>;

describe("Обращения и цели: bookings and incoming calls", () => {
  let salon: TWorkspace;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    salon = await createWorkspace("Салон Обращения");
    const other = await createWorkspace("Чужой салон");
    ids.booking1 = (
      await salon.addLead({
        externalId: "1001",
        contactName: "Соколова Вера",
        contactPhone: "+79161110001",
        searchText: "соколова вера 79161110001 89161110001",
        sourceId: salon.yandex.id,
        channel: "paid",
        utmCampaign: "autumn",
        crmCreatedAt: new Date("2026-11-01T09:00:00Z"),
      })
    ).id;
    ids.booking2 = (
      await salon.addLead({
        externalId: "1002",
        contactName: "Белова Юлия",
        attributionRule: "default_source",
        duplicateOfId: ids.booking1,
        crmCreatedAt: new Date("2026-11-03T09:00:00Z"),
      })
    ).id;
    // The call's contact is its client's (the view joins `Client`).
    const client = await db.client.create({
      data: {
        id: createId("cli"),
        tenantId: salon.tenantId,
        phone: "+79162220002",
        name: "Орлова Нина",
        email: "nina@example.ru",
      },
    });
    ids.callDynamic = (
      await salon.addCall({
        startedAt: new Date("2026-11-02T09:00:00Z"),
        clientId: client.id,
        clientName: "Орлова Нина",
        clientPhone: "+79162220002",
        trackingRule: "dynamic_number",
        sourceId: salon.yandex.id,
        channel: "paid",
        utmCampaign: "autumn",
        isUniqueCall: true,
        isTargetCall: true,
      })
    ).id;
    ids.callStatic = (
      await salon.addCall({
        startedAt: new Date("2026-11-04T09:00:00Z"),
        clientPhone: "+79162220002",
        trackingRule: "static_number",
        sourceId: salon.yandex.id,
        channel: "paid",
        isUniqueCall: false,
        isTargetCall: true,
      })
    ).id;
    ids.callUnidentified = (
      await salon.addCall({
        startedAt: new Date("2026-11-05T09:00:00Z"),
        clientPhone: "+79163330003",
        disposition: "no_answer",
        talkSeconds: 0,
        trackingRule: "unidentified",
        isUniqueCall: true,
        isTargetCall: false,
      })
    ).id;
    // Outgoing calls are not communications.
    ids.outgoing = (
      await salon.addCall({
        startedAt: new Date("2026-11-06T09:00:00Z"),
        direction: "outgoing",
        clientPhone: "+79162220002",
      })
    ).id;
    // Another workspace's booking and call, on the same phone and name.
    ids.otherBooking = (
      await other.addLead({
        externalId: "1001",
        contactName: "Соколова Вера",
        searchText: "соколова вера",
        crmCreatedAt: new Date("2026-11-07T09:00:00Z"),
      })
    ).id;
    ids.otherCall = (
      await other.addCall({
        startedAt: new Date("2026-11-07T10:00:00Z"),
        clientPhone: "+79162220002",
        trackingRule: "unidentified",
        isUniqueCall: true,
        isTargetCall: true,
      })
    ).id;
  });

  const idsOf = async (filters: TLeadFilters = {}) =>
    (await salon.list(filters)).data.map((row) => row.id);

  it("lists both kinds newest first, without outgoing calls or another workspace's rows", async () => {
    const page = await salon.list();
    expect(page.data.map((row) => row.id)).toEqual([
      ids.callUnidentified,
      ids.callStatic,
      ids.booking2,
      ids.callDynamic,
      ids.booking1,
    ]);
    expect(page).toMatchObject({ count: 5, isCountCapped: false, totalPages: 1 });
    expect(page.data.find((row) => row.id === ids.callDynamic)).toMatchObject({
      kind: "call",
      occurredAt: new Date("2026-11-02T09:00:00Z"),
      externalId: null,
      contactName: "Орлова Нина",
      contactPhone: "+79162220002",
      contactEmail: "nina@example.ru",
      rule: "dynamic_number",
      sourceName: "Яндекс Директ",
      sourcePresetKey: "yandex_direct",
      companyNumber: "+74950000000",
      talkSeconds: 60,
      disposition: "answered",
      isUniqueCall: true,
      isTargetCall: true,
      tags: [],
    });
    expect(page.data.find((row) => row.id === ids.booking1)).toMatchObject({
      kind: "booking",
      externalId: "1001",
      rule: "session_id",
      isUniqueCall: null,
      isTargetCall: null,
      companyNumber: null,
    });
  });

  it("sorts by name and by update too, ascending or descending", async () => {
    const byName = await salon.list({}, { sort: { field: "contactName", direction: "asc" } });
    expect(byName.data.map((row) => row.contactName)).toEqual([
      "Белова Юлия",
      "Орлова Нина",
      "Соколова Вера",
      null,
      null,
    ]);
    const oldest = await salon.list({}, { sort: { field: "occurredAt", direction: "asc" } });
    expect(oldest.data[0]?.id).toBe(ids.booking1);
    const updated = await salon.list({}, { sort: { field: "updatedAt", direction: "desc" } });
    expect(updated.data).toHaveLength(5);
  });

  it("filters by kind", async () => {
    expect((await idsOf({ kinds: ["booking"] })).sort()).toEqual(
      [ids.booking1, ids.booking2].sort(),
    );
    expect(await idsOf({ kinds: ["call"] })).toEqual([
      ids.callUnidentified,
      ids.callStatic,
      ids.callDynamic,
    ]);
    expect(await idsOf({ kinds: ["booking", "call"] })).toHaveLength(5);
  });

  it("filters calls by unique and target; bookings have neither", async () => {
    expect(await idsOf({ isUniqueCall: true })).toEqual([ids.callUnidentified, ids.callDynamic]);
    expect(await idsOf({ isUniqueCall: false })).toEqual([ids.callStatic]);
    expect(await idsOf({ isTargetCall: true })).toEqual([ids.callStatic, ids.callDynamic]);
    expect(await idsOf({ isTargetCall: false })).toEqual([ids.callUnidentified]);
    expect(await idsOf({ isUniqueCall: true, isTargetCall: true })).toEqual([ids.callDynamic]);
  });

  it("filters by booking and call rules alike", async () => {
    expect(await idsOf({ rules: ["unidentified"] })).toEqual([ids.callUnidentified]);
    expect(await idsOf({ rules: ["dynamic_number", "static_number"] })).toEqual([
      ids.callStatic,
      ids.callDynamic,
    ]);
    expect(await idsOf({ rules: ["session_id", "dynamic_number"] })).toEqual([
      ids.callDynamic,
      ids.booking1,
    ]);
  });

  it("filters by source, channel and «none», UTM values, period and duplicates", async () => {
    const credited = [ids.callStatic, ids.callDynamic, ids.booking1];
    expect(await idsOf({ sourceIds: [salon.yandex.id] })).toEqual(credited);
    expect(await idsOf({ channels: ["paid"] })).toEqual(credited);
    expect(await idsOf({ sourceIds: ["none"] })).toEqual([ids.callUnidentified, ids.booking2]);
    expect(await idsOf({ channels: ["none"], kinds: ["call"] })).toEqual([ids.callUnidentified]);
    expect(await idsOf({ campaignIds: ["none"] })).toHaveLength(5);
    expect(await idsOf({ sourceIds: [salon.yandex.id, "none"] })).toHaveLength(5);
    expect(await idsOf({ utmCampaign: ["autumn"] })).toEqual([ids.callDynamic, ids.booking1]);
    expect(
      await idsOf({
        createdFrom: new Date("2026-11-02T00:00:00Z"),
        createdTo: new Date("2026-11-04T00:00:00Z"),
      }),
    ).toEqual([ids.booking2, ids.callDynamic]);
    expect(await idsOf({ isDuplicate: true })).toEqual([ids.booking2]);
    expect(await idsOf({ isDuplicate: false })).toEqual([ids.booking1]);
  });

  it("searches bookings and calls by name and phone however typed", async () => {
    expect(await idsOf({ search: "8 (916) 222-00-02" })).toEqual([ids.callStatic, ids.callDynamic]);
    expect(await idsOf({ search: "орлова" })).toEqual([ids.callDynamic]);
    expect(await idsOf({ search: "Соколова" })).toEqual([ids.booking1]);
    expect(await idsOf({ search: "+7916" })).toHaveLength(4);
  });

  it("never shows another workspace's rows, whatever the filter", async () => {
    const everything = [
      ...(await idsOf()),
      ...(await idsOf({ search: "соколова" })),
      ...(await idsOf({ rules: ["unidentified"], isTargetCall: true })),
    ];
    expect(everything).not.toContain(ids.otherBooking);
    expect(everything).not.toContain(ids.otherCall);
    expect(everything).not.toContain(ids.outgoing);
  });
});

describe("Обращения и цели: the count", () => {
  it("counts bookings and calls up to the cap and says when there are more", async () => {
    const busy = await createWorkspace("Салон Много");
    const calls = LIST_COUNT_CAP - 2;
    await db.call.createMany({
      data: Array.from({ length: calls }, (_, index) => ({
        id: `call_${busy.tenantId.slice(-6)}_${String(index).padStart(6, "0")}`,
        tenantId: busy.tenantId,
        connectionId: busy.pbxId,
        providerCallId: `pbx-many-${index}`,
        direction: "incoming" as const,
        state: "ended" as const,
        startedAt: new Date(Date.UTC(2026, 9, 1) + index * 60_000),
        trackingRule: "unidentified" as const,
      })),
    });
    for (const externalId of ["1", "2", "3"]) await busy.addLead({ externalId });
    const all = await busy.list({}, { perPage: 100 });
    expect(all).toMatchObject({
      count: LIST_COUNT_CAP,
      isCountCapped: true,
      totalPages: LIST_COUNT_CAP / 100,
    });
    expect(all.data.slice(0, 3).map((row) => row.kind)).toEqual(["booking", "booking", "booking"]);
    expect(await busy.list({ kinds: ["booking"] })).toMatchObject({
      count: 3,
      isCountCapped: false,
    });
    expect(await busy.list({ kinds: ["call"] })).toMatchObject({
      count: calls,
      isCountCapped: false,
    });
  });
});

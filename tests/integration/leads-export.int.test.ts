// The leads CSV export (issue 4 §4) against the real database: the table's filters and order, names
// instead of ids, formula-safe fields, the reader's spreadsheet dialect and the workspace boundary.
import type { Prisma } from "@generated/prisma/client";
import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { csvDialectOf } from "@/server/csv/csv-dialect";
import { exportLeadsCsv } from "@/server/domain/leads/export-leads-csv";
import { findLeads } from "@/server/domain/leads/find-leads";
import {
  ZLeadListRequestSchema,
  type TLeadFilters,
  type TLeadSort,
} from "@/server/domain/leads/lead-filters";
import { findSources } from "@/server/domain/sites/find-sources";
import { createCampaign } from "@/server/domain/sites/manage-campaigns";
import { createSite } from "@/server/domain/sites/manage-sites";

import { KEYS_AND_CODES, parseCsv } from "../support/csv";
import { createCall, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const HEADER = [
  "kind",
  "externalId",
  "occurredAt",
  "contactName",
  "contactPhone",
  "contactEmail",
  "siteName",
  "sourceName",
  "campaignName",
  "channel",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "utmTerm",
  "landingUrl",
  "referrer",
  "rule",
  "yclid",
  "gclid",
  "fbclid",
  "tags",
  "declaredSource",
  "isDuplicate",
  "hasDeal",
  "isUniqueCall",
  "isTargetCall",
];

/** A workspace with a Klientiks connection, a site, the preset sources and one campaign. */
async function createSalon(name: string) {
  const { owner, tenant } = await createTestWorkspace(db, name);
  const connection = await db.connection.create({
    data: {
      id: createId("con"),
      tenantId: tenant.id,
      kind: "klientiks",
      name: "Клиентикс",
      credentials: "v1.test",
      credentialsHint: "test",
      externalAccount: "1",
    },
  });
  const site = await createSite(db, {
    tenantId: tenant.id,
    actorUserId: owner.id,
    request: { domain: "salon-leto.ru", name: "Лендинг" },
  });
  const yandex = (await findSources(db, { tenantId: tenant.id })).find(
    (source) => source.presetKey === "yandex_direct",
  )!;
  const campaign = await createCampaign(db, {
    tenantId: tenant.id,
    actorUserId: owner.id,
    request: { name: "Осень, стрижки", sourceId: yandex.id, utmCampaigns: ["autumn_haircut"] },
  });
  const addLead = (data: Partial<Prisma.LeadUncheckedCreateInput> & { externalId: string }) =>
    db.lead.create({
      data: {
        id: createId("lead"),
        tenantId: tenant.id,
        connectionId: connection.id,
        crmCreatedAt: new Date("2026-11-02T09:30:00Z"),
        attributionRule: "default_source",
        ...data,
      },
    });
  return { tenantId: tenant.id, connectionId: connection.id, site, yandex, campaign, addLead };
}

const NEWEST_FIRST: TLeadSort = { field: "occurredAt", direction: "desc" };

/** The whole export of a workspace, newest first on UTC, with keys and codes unless told otherwise. */
async function exportText(
  tenantId: string,
  reader: Partial<Pick<Parameters<typeof exportLeadsCsv>[1], "dialect" | "valueLabel">> = {},
) {
  let text = "";
  for await (const chunk of exportLeadsCsv(db, {
    tenantId,
    filters: {},
    sort: NEWEST_FIRST,
    timeZone: "UTC",
    ...KEYS_AND_CODES,
    ...reader,
  }))
    text += chunk;
  return text;
}

async function exportRows(
  tenantId: string,
  filters: TLeadFilters = {},
  sort: TLeadSort = NEWEST_FIRST,
) {
  let text = "";
  for await (const chunk of exportLeadsCsv(db, {
    tenantId,
    filters,
    sort,
    timeZone: "Europe/Moscow",
    ...KEYS_AND_CODES,
  }))
    text += chunk;
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...lines] = parseCsv(text.slice(1));
  expect(header).toEqual(HEADER);
  return lines;
}

describe("leads CSV export", () => {
  it("writes one line per lead with site, source and campaign names, and defuses formulas", async () => {
    const salon = await createSalon("Салон Лето");
    const original = await salon.addLead({
      externalId: "5001",
      contactName: "Соколова Вера",
      contactPhone: "+79165551234",
      contactEmail: "vera@example.ru",
      attributionRule: "session_id",
      siteId: salon.site.id,
      sourceId: salon.yandex.id,
      campaignId: salon.campaign.id,
      channel: "paid",
      utmSource: "yandex",
      utmMedium: "cpc",
      utmCampaign: "autumn_haircut",
      utmContent: "banner_1",
      landingUrl: "https://salon-leto.ru/?utm_source=yandex",
      referrer: "https://yandex.ru/",
      yclid: "777001",
      tags: ["ВОЗ", "Instagram"],
      declaredSource: "Instagram",
      dealId: "deal_1",
    });
    await salon.addLead({
      externalId: "5002",
      contactName: '=HYPERLINK("http://evil.example")',
      contactPhone: "+79165551234",
      duplicateOfId: original.id,
    });

    const lines = await exportRows(salon.tenantId);
    const byId = new Map(lines.map((line) => [line[1], line]));
    expect(lines).toHaveLength(2);
    expect(byId.get("5001")).toEqual([
      "booking",
      "5001",
      "2026-11-02 12:30:00",
      "Соколова Вера",
      "+79165551234",
      "vera@example.ru",
      "Лендинг",
      "Яндекс Директ",
      "Осень, стрижки",
      "paid",
      "yandex",
      "cpc",
      "autumn_haircut",
      "banner_1",
      "",
      "https://salon-leto.ru/?utm_source=yandex",
      "https://yandex.ru/",
      "session_id",
      "777001",
      "",
      "",
      "ВОЗ; Instagram",
      "Instagram",
      "false",
      "true",
      "",
      "",
    ]);
    expect(byId.get("5002")?.slice(1, 4)).toEqual([
      "5002",
      "2026-11-02 12:30:00",
      `'=HYPERLINK("http://evil.example")`,
    ]);
    expect(byId.get("5002")?.slice(-4)).toEqual(["true", "false", "", ""]);
  });

  it("asks for the reader's words for titles and coded values, by kind", async () => {
    const salon = await createSalon("Салон Слова");
    await salon.addLead({ externalId: "8001", attributionRule: "widget_open", channel: "social" });
    let text = "";
    const request = {
      tenantId: salon.tenantId,
      filters: {},
      sort: NEWEST_FIRST,
      timeZone: "UTC",
      dialect: csvDialectOf("en"),
      columnTitle: (column: string) => `title:${column}`,
      valueLabel: (kind: string, value: string) => `${kind}:${value}`,
    };
    for await (const chunk of exportLeadsCsv(db, request)) text += chunk;
    const [header, line] = parseCsv(text.slice(1));
    expect(header?.slice(0, 4)).toEqual([
      "title:kind",
      "title:externalId",
      "title:occurredAt",
      "title:contactName",
    ]);
    expect(line?.slice(0, 3)).toEqual(["communicationKind:booking", "8001", "2026-11-02 09:30:00"]);
    expect(line?.slice(9, 10)).toEqual(["channel:social"]);
    expect(line?.slice(17, 18)).toEqual(["attributionRule:widget_open"]);
    expect(line?.slice(-4)).toEqual(["boolean:false", "boolean:false", "", ""]);
  });

  it("exports only what the table's filters show", async () => {
    const salon = await createSalon("Салон Осень");
    const original = await salon.addLead({
      externalId: "6001",
      utmCampaign: "autumn_haircut",
      attributionRule: "widget_open",
      crmCreatedAt: new Date("2026-11-01T10:00:00Z"),
    });
    await salon.addLead({
      externalId: "6002",
      utmCampaign: "spring",
      duplicateOfId: original.id,
      crmCreatedAt: new Date("2026-11-05T10:00:00Z"),
    });
    await salon.addLead({
      externalId: "6003",
      contactName: "Орлова Нина",
      searchText: "орлова нина",
      crmCreatedAt: new Date("2026-11-10T10:00:00Z"),
    });

    const ids = async (filters: TLeadFilters) =>
      (await exportRows(salon.tenantId, filters)).map((line) => line[1]).sort();
    expect(await ids({ utmCampaign: ["autumn_haircut", "spring"] })).toEqual(["6001", "6002"]);
    expect(await ids({ isDuplicate: false })).toEqual(["6001", "6003"]);
    expect(await ids({ rules: ["widget_open"] })).toEqual(["6001"]);
    expect(
      await ids({
        createdFrom: new Date("2026-11-02T00:00:00Z"),
        createdTo: new Date("2026-11-10T00:00:00Z"),
      }),
    ).toEqual(["6002"]);
    expect(await ids({ search: "орлова" })).toEqual(["6003"]);
  });

  it("never includes another workspace's leads or names", async () => {
    const mine = await createSalon("Мой салон");
    const other = await createSalon("Чужой салон");
    await mine.addLead({
      externalId: "7001",
      siteId: other.site.id,
      campaignId: other.campaign.id,
    });
    await other.addLead({ externalId: "7002" });

    const lines = await exportRows(mine.tenantId);
    expect(lines.map((line) => line[1])).toEqual(["7001"]);
    // A foreign id on a lead (it cannot happen through attribution) does not reveal the other workspace's names.
    expect(lines[0]?.slice(6, 9)).toEqual(["", "", ""]);
  });

  it("writes the Russian dialect: semicolon-separated, a field holding a semicolon quoted", async () => {
    const salon = await createSalon("Салон Точка с запятой");
    await salon.addLead({ externalId: "9101", contactName: "Вера; Нина", tags: ["ВОЗ", "акция"] });
    const text = await exportText(salon.tenantId, { dialect: csvDialectOf("ru") });
    const [headerLine, line] = text.slice(1).split("\n");
    expect(headerLine).toBe(HEADER.join(";"));
    expect(line?.startsWith('booking;9101;2026-11-02 09:30:00;"Вера; Нина";')).toBe(true);
    expect(parseCsv(text.slice(1), ";")[1]?.[21]).toBe("ВОЗ; акция");
  });

  it("writes incoming calls with their kind, rule, unique and target flags, an unidentified one without a source as such", async () => {
    const salon = await createSalon("Салон Звонки");
    await salon.addLead({ externalId: "9201", crmCreatedAt: new Date("2026-11-02T09:00:00Z") });
    const call = { tenantId: salon.tenantId, connectionId: salon.connectionId };
    await createCall(db, call, {
      startedAt: new Date("2026-11-02T10:00:00Z"),
      clientName: "Орлова Нина",
      trackingRule: "static_number",
      sourceId: salon.yandex.id,
      channel: "paid",
      isUniqueCall: true,
      isTargetCall: true,
    });
    await createCall(db, call, {
      startedAt: new Date("2026-11-02T11:00:00Z"),
      trackingRule: "unidentified",
      isUniqueCall: false,
      isTargetCall: false,
    });
    await createCall(db, call, {
      startedAt: new Date("2026-11-02T12:00:00Z"),
      direction: "outgoing",
    });
    const text = await exportText(salon.tenantId, {
      valueLabel: (kind: string, value: string) => `${kind}:${value}`,
    });
    const [, ...lines] = parseCsv(text.slice(1));
    expect(lines.map((line) => [line[0], line[1], line[2]])).toEqual([
      ["communicationKind:call", "", "2026-11-02 11:00:00"],
      ["communicationKind:call", "", "2026-11-02 10:00:00"],
      ["communicationKind:booking", "9201", "2026-11-02 09:00:00"],
    ]);
    expect(lines[0]?.[7]).toBe("attributionRule:unidentified");
    expect(lines[0]?.[17]).toBe("attributionRule:unidentified");
    expect(lines[0]?.slice(-4)).toEqual(["", "", "uniqueCall:false", "targetCall:false"]);
    expect(lines[1]?.[7]).toBe("Яндекс Директ");
    expect(lines[1]?.[17]).toBe("attributionRule:static_number");
    expect(lines[1]?.slice(-4)).toEqual(["", "", "uniqueCall:true", "targetCall:true"]);
  });

  it("lists the leads in the table's order, across export pages, ties and missing names included", async () => {
    const salon = await createSalon("Салон Порядок");
    const names = ["Орлова Нина", "Белова Юлия", null, "Соколова Вера"];
    await db.lead.createMany({
      data: Array.from({ length: 1203 }, (_, index) => ({
        id: createId("lead"),
        tenantId: salon.tenantId,
        connectionId: salon.connectionId,
        externalId: String(20_000 + index),
        attributionRule: "default_source" as const,
        contactName: names[index % names.length],
        crmCreatedAt: new Date(Date.UTC(2026, 10, 1 + (index % 7), 9)),
      })),
    });
    const tableOrder = async (sort: TLeadSort) => {
      const ids: string[] = [];
      for (let page = 1; ; page += 1) {
        const { data, totalPages } = await findLeads(db, {
          tenantId: salon.tenantId,
          request: ZLeadListRequestSchema.parse({ page, perPage: 100, sort }),
        });
        ids.push(...data.map((lead) => lead.externalId ?? lead.id));
        if (page >= totalPages) return ids;
      }
    };
    for (const sort of [
      { field: "contactName", direction: "asc" },
      { field: "contactName", direction: "desc" },
      { field: "occurredAt", direction: "asc" },
    ] as const) {
      const exported = (await exportRows(salon.tenantId, {}, sort)).map((line) => line[1]);
      expect(exported, `${sort.field} ${sort.direction}`).toHaveLength(1203);
      expect(exported, `${sort.field} ${sort.direction}`).toEqual(await tableOrder(sort));
    }
  });
});

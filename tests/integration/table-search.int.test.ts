// The search box of the deals and leads tables on the real database, as Russians type into it
// (src/server/domain/lists/table-search.ts): phones in any usual spelling, ё and е as one letter;
// and the migration's backfill writes what the app writes.
import { readFileSync } from "node:fs";

import { afterAll, describe, expect, it } from "vitest";

import { ZDealListRequestSchema } from "@/server/domain/deals/deal-filters";
import { findDeals } from "@/server/domain/deals/find-deals";
import {
  mapAppointmentToDeal,
  type TDealContact,
} from "@/server/domain/deals/map-appointment-to-deal";
import { upsertDeal } from "@/server/domain/deals/upsert-deal";
import { parseKlientiksSettings } from "@/server/domain/klientiks/settings";
import { findLeads } from "@/server/domain/leads/find-leads";
import { ZLeadListRequestSchema } from "@/server/domain/leads/lead-filters";
import { upsertLeadFromAppointment } from "@/server/domain/leads/upsert-lead";
import type { TKlientiksAppointment, TKlientiksClient } from "@/server/integrations/klientiks";

import { createTestKlientiksConnection, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const BACKFILL_MIGRATION = new URL(
  "../../prisma/migrations/20261203062000_tracker_table_search/migration.sql",
  import.meta.url,
);

const client = (id: number, name: string, phone: string): TKlientiksClient => ({
  id,
  name,
  firstName: "",
  patronName: "",
  secondName: "",
  phone,
  email: `client${id}@example.ru`,
  leadSource: "",
  clientGroups: "",
  deleted: false,
  createdAt: null,
  modifiedAt: null,
  dynamicFields: {},
  raw: {},
});

/** Three clients as Klientiks sends them: two namesakes spelled with ё and with е, and a third. */
const appointments: TKlientiksAppointment[] = [
  client(501, "Ёлкина Вера", "+7 (999) 123-45-67"),
  client(502, "Елкина Анна", "8 (903) 555-00-11"),
  client(503, "Смирнова Ольга", "89261112233"),
].map((person, index) => ({
  id: 7001 + index,
  clientId: person.id,
  executorId: null,
  authorId: null,
  status: "scheduled",
  startAt: new Date("2026-11-20T07:00:00Z"),
  finishAt: null,
  createdAt: new Date(Date.UTC(2026, 10, 19, 10, index)),
  modifiedAt: new Date("2026-11-19T10:00:00Z"),
  isSale: false,
  paid: false,
  appointmentSource: "online_widget",
  services: [
    {
      id: 1,
      serviceId: 11,
      name: "Стрижка",
      price: 2500,
      servicePackId: null,
      isPaidBySubscription: false,
      executorIds: [],
    },
  ],
  clientLinks: [{ clientId: person.id, client: person }],
  dynamicFields: {},
  raw: {},
}));

/** A workspace whose deals and leads were written by the app from the appointments above. */
async function createSalon() {
  const { tenant } = await createTestWorkspace(db, "Салон Поиск");
  const connection = await createTestKlientiksConnection(db, tenant.id);
  const settings = parseKlientiksSettings({});
  const references = { employees: new Map<number, string>(), services: new Map<number, string>() };
  for (const appointment of appointments) {
    const draft = mapAppointmentToDeal({ appointment, settings, references, currency: "RUB" });
    await upsertDeal(db, {
      tenantId: tenant.id,
      connectionId: connection.id,
      draft,
      raw: {},
      deliveryId: null,
    });
    await upsertLeadFromAppointment(db, {
      tenantId: tenant.id,
      connectionId: connection.id,
      appointment,
      settings,
    });
  }
  return tenant.id;
}

const searchDeals = async (tenantId: string, search: string) =>
  (
    await findDeals(db, {
      tenantId,
      request: ZDealListRequestSchema.parse({ filters: { search } }),
    })
  ).data
    .map((deal) => deal.contactName)
    .sort();
const searchLeads = async (tenantId: string, search: string) =>
  (
    await findLeads(db, {
      tenantId,
      request: ZLeadListRequestSchema.parse({ filters: { search } }),
    })
  ).data
    .map((lead) => lead.contactName)
    .sort();

describe("table search", () => {
  it("finds a phone typed with 8, +7, spaces, brackets or dashes, in deals and in leads", async () => {
    const tenantId = await createSalon();
    for (const search of [
      "89991234567",
      "+7 (999) 123-45-67",
      "8 999 123 45 67",
      "9991234567",
      "+79991234567",
      "8999123",
    ]) {
      expect(await searchDeals(tenantId, search), search).toEqual(["Ёлкина Вера"]);
      expect(await searchLeads(tenantId, search), search).toEqual(["Ёлкина Вера"]);
    }
    expect(await searchDeals(tenantId, "8 903 555-00-11")).toEqual(["Елкина Анна"]);
    expect(await searchLeads(tenantId, "89990000000")).toEqual([]);
  });

  it("takes ё and е for one letter, in any case, both ways", async () => {
    const tenantId = await createSalon();
    for (const search of ["елкина", "ёлкина", "ЁЛКИНА", "Елкина"]) {
      expect(await searchDeals(tenantId, search), search).toEqual(["Ёлкина Вера", "Елкина Анна"]);
      expect(await searchLeads(tenantId, search), search).toEqual(["Ёлкина Вера", "Елкина Анна"]);
    }
    expect(await searchDeals(tenantId, "ЁЛКИНА ВЕРА")).toEqual(["Ёлкина Вера"]);
    expect(await searchLeads(tenantId, "смирнова")).toEqual(["Смирнова Ольга"]);
  });

  it("backfills rows written before it exactly as the app now writes them", async () => {
    const tenantId = await createSalon();
    const written = async () => ({
      deals: await db.deal.findMany({
        where: { tenantId },
        orderBy: { externalId: "asc" },
        select: { id: true, name: true, contacts: true, searchText: true },
      }),
      leads: await db.lead.findMany({
        where: { tenantId },
        orderBy: { externalId: "asc" },
        select: {
          id: true,
          contactName: true,
          contactPhone: true,
          contactEmail: true,
          searchText: true,
        },
      }),
    });
    const byApp = await written();
    expect(byApp.deals[0]?.searchText).toBe(
      "стрижка елкина вера +79991234567 client501@example.ru 79991234567 89991234567",
    );
    const backfillStatements = readFileSync(BACKFILL_MIGRATION, "utf8")
      .split(";")
      .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
      .filter((statement) => statement.startsWith("UPDATE"));
    expect(backfillStatements).toHaveLength(2);

    // Rolled back at the end: the backfill rewrites every row of the (shared) test database.
    const ROLLBACK = new Error("rollback");
    let backfilled: unknown;
    await db
      .$transaction(async (tx) => {
        for (const deal of byApp.deals) {
          const contacts = deal.contacts as TDealContact[];
          const before = [
            deal.name,
            ...contacts.flatMap((contact) => [contact.name, contact.phone, contact.email]),
          ]
            .filter(Boolean)
            .join(" ")
            .toLowerCase();
          await tx.deal.update({ where: { id: deal.id }, data: { searchText: before } });
        }
        for (const lead of byApp.leads) {
          await tx.lead.update({
            where: { id: lead.id },
            data: {
              searchText: [lead.contactName, lead.contactPhone, lead.contactEmail]
                .filter(Boolean)
                .join(" ")
                .toLowerCase(),
            },
          });
        }
        for (const statement of backfillStatements) await tx.$executeRawUnsafe(statement);
        backfilled = {
          deals: await tx.deal.findMany({
            where: { tenantId },
            orderBy: { externalId: "asc" },
            select: { searchText: true },
          }),
          leads: await tx.lead.findMany({
            where: { tenantId },
            orderBy: { externalId: "asc" },
            select: { searchText: true },
          }),
        };
        throw ROLLBACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
    expect(backfilled).toEqual({
      deals: byApp.deals.map(({ searchText }) => ({ searchText })),
      leads: byApp.leads.map(({ searchText }) => ({ searchText })),
    });
  });
});

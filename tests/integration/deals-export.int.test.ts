// The deals CSV export on the real database: the reader's spreadsheet dialect (Russian Excel wants
// semicolons and a decimal comma) and the table's current order, across export pages.
import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { csvDialectOf } from "@/server/csv/csv-dialect";
import { ZDealListRequestSchema, type TDealSort } from "@/server/domain/deals/deal-filters";
import { exportDealsCsv } from "@/server/domain/deals/export-deals-csv";
import { findDeals } from "@/server/domain/deals/find-deals";

import { KEYS_AND_CODES, parseCsv } from "../support/csv";
import { createTestKlientiksConnection, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

type TDealSeed = {
  amountMinor: number;
  name?: string;
  stageOrder?: number;
  crmCreatedAt?: Date | null;
  visitStartAt?: Date | null;
};

async function createSalonWithDeals(name: string, deals: TDealSeed[]) {
  const { tenant } = await createTestWorkspace(db, name);
  const connection = await createTestKlientiksConnection(db, tenant.id);
  await db.deal.createMany({
    data: deals.map((deal, index) => ({
      id: createId("deal"),
      tenantId: tenant.id,
      connectionId: connection.id,
      externalId: String(30_000 + index),
      name: deal.name ?? "Стрижка",
      amountMinor: deal.amountMinor,
      currency: "RUB",
      status: "scheduled",
      stage: "scheduled",
      stageGroup: "in_work" as const,
      stageOrder: deal.stageOrder ?? 0,
      crmCreatedAt:
        deal.crmCreatedAt === undefined ? new Date("2026-11-02T09:30:00Z") : deal.crmCreatedAt,
      visitStartAt: deal.visitStartAt ?? null,
    })),
  });
  return tenant.id;
}

async function exportText(tenantId: string, locale: "ru" | "en", sort: TDealSort) {
  let text = "";
  for await (const chunk of exportDealsCsv(db, {
    tenantId,
    filters: { includeSales: true },
    sort,
    timeZone: "Europe/Moscow",
    ...KEYS_AND_CODES,
    dialect: csvDialectOf(locale),
  }))
    text += chunk;
  return text.slice(1);
}

describe("deals CSV export", () => {
  it("writes semicolons and decimal commas for Russian readers, commas and points for English ones", async () => {
    const tenantId = await createSalonWithDeals("Салон Excel", [
      { amountMinor: 550_000, name: "Стрижка, укладка" },
    ]);
    const ru = await exportText(tenantId, "ru", { field: "crmCreatedAt", direction: "desc" });
    const [ruHeader, ruLine] = ru.split("\n");
    expect(ruHeader?.split(";").slice(0, 3)).toEqual(["externalId", "name", "amount"]);
    expect(ruLine?.startsWith("30000;Стрижка, укладка;5500,00;RUB;")).toBe(true);

    const en = await exportText(tenantId, "en", { field: "crmCreatedAt", direction: "desc" });
    expect(en.split("\n")[1]?.startsWith('30000,"Стрижка, укладка",5500.00,RUB,')).toBe(true);
    expect(parseCsv(ru, ";")[1]).toEqual(
      parseCsv(en)[1]?.map((field) => field.replace(/^5500\.00$/, "5500,00")),
    );
  });

  it("lists the deals in the table's order, across export pages, ties and missing dates included", async () => {
    // An export page holds 1000 deals. Few deals lack a creation date and most lack a visit date, so
    // a page ends on a dated deal before the undated ones in one order and on an undated one in another.
    const dates = [new Date("2026-11-01T10:00:00Z"), new Date("2026-11-03T10:00:00Z")];
    const tenantId = await createSalonWithDeals(
      "Салон Порядок",
      Array.from({ length: 1105 }, (_, index) => ({
        amountMinor: (index % 5) * 10_000,
        name: ["Стрижка", "Окрашивание", "Укладка"][index % 3],
        stageOrder: index % 4,
        crmCreatedAt: index % 20 === 1 ? null : dates[index % 2],
        visitStartAt: index % 12 === 0 ? dates[index % 2] : null,
      })),
    );
    const tableOrder = async (sort: TDealSort) => {
      const ids: string[] = [];
      for (let page = 1; ; page += 1) {
        const { data, totalPages } = await findDeals(db, {
          tenantId,
          request: ZDealListRequestSchema.parse({ page, perPage: 100, sort }),
        });
        ids.push(...data.map((deal) => deal.externalId));
        if (page >= totalPages) return ids;
      }
    };
    const sorts: TDealSort[] = [
      { field: "amountMinor", direction: "asc" },
      { field: "name", direction: "desc" },
      { field: "stageOrder", direction: "asc" },
      { field: "crmCreatedAt", direction: "desc" },
      { field: "crmCreatedAt", direction: "asc" },
      { field: "visitStartAt", direction: "desc" },
      { field: "visitStartAt", direction: "asc" },
    ];
    for (const sort of sorts) {
      const exported = parseCsv(await exportText(tenantId, "en", sort))
        .slice(1)
        .map((line) => line[0]);
      expect(exported, `${sort.field} ${sort.direction}`).toHaveLength(1105);
      expect(exported, `${sort.field} ${sort.direction}`).toEqual(await tableOrder(sort));
    }
  });
});

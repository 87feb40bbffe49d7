// Sorting the deals list by a date column on the real database: deals without that date count as
// older than any, so they come last when the newest come first and first when the oldest do (the
// order one index serves in both directions, `npm run bench:deals-table`).
import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { ZDealListRequestSchema } from "@/server/domain/deals/deal-filters";
import { findDeals } from "@/server/domain/deals/find-deals";

import { createTestKlientiksConnection, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

async function createSalonWithDeals(createdAt: (Date | null)[]) {
  const { tenant } = await createTestWorkspace(db, "Салон Даты");
  const connection = await createTestKlientiksConnection(db, tenant.id);
  for (const [index, crmCreatedAt] of createdAt.entries()) {
    await db.deal.create({
      data: {
        id: createId("deal"),
        tenantId: tenant.id,
        connectionId: connection.id,
        externalId: String(9000 + index),
        name: "Стрижка",
        amountMinor: 250_000,
        currency: "RUB",
        status: "scheduled",
        stage: "scheduled",
        stageGroup: "in_work",
        stageOrder: 0,
        crmCreatedAt,
        visitStartAt: crmCreatedAt,
      },
    });
  }
  return tenant.id;
}

const orderOf = async (
  tenantId: string,
  field: "crmCreatedAt" | "visitStartAt",
  direction: "asc" | "desc",
) =>
  (
    await findDeals(db, {
      tenantId,
      request: ZDealListRequestSchema.parse({ sort: { field, direction } }),
    })
  ).data.map((deal) => deal.externalId);

describe("deals list order by a date", () => {
  it("puts deals without the date after the newest first, and before the oldest first", async () => {
    const tenantId = await createSalonWithDeals([
      new Date("2026-11-02T10:00:00Z"),
      null,
      new Date("2026-11-01T10:00:00Z"),
      new Date("2026-11-03T10:00:00Z"),
    ]);
    for (const field of ["crmCreatedAt", "visitStartAt"] as const) {
      expect(await orderOf(tenantId, field, "desc"), field).toEqual([
        "9003",
        "9000",
        "9002",
        "9001",
      ]);
      expect(await orderOf(tenantId, field, "asc"), field).toEqual([
        "9001",
        "9002",
        "9000",
        "9003",
      ]);
    }
  });
});

// Ended tracking-number leases are pruned after their retention (docs/call-tracking.md §3); the
// leases a call may still be credited by, and the live ones, stay.
import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { LEASE_RETENTION_MS, pruneEndedLeases } from "@/server/domain/call-tracking/prune-leases";
import { createSite } from "@/server/domain/sites/manage-sites";

import { createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const DAY_MS = 86_400_000;

describe("lease retention", () => {
  it("deletes leases ended before the retention and keeps the recent and the live ones", async () => {
    const { owner, tenant } = await createTestWorkspace(db, "Салон");
    const site = await createSite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      request: { domain: "salon-retention.ru", name: "Салон" },
    });
    const number = await db.trackingNumber.create({
      data: {
        id: createId("tnum"),
        tenantId: tenant.id,
        phone: "+74957770123",
        usage: "pool",
        siteId: site.id,
      },
    });
    const now = new Date();
    const lease = (endedDaysAgo: number) =>
      db.numberLease.create({
        data: {
          id: createId("nls"),
          tenantId: tenant.id,
          numberId: number.id,
          siteId: site.id,
          visitorId: `visitor-${createId("ses")}`,
          sessionKey: createId("ses"),
          startedAt: new Date(now.getTime() - endedDaysAgo * DAY_MS - 600_000),
          endsAt: new Date(now.getTime() - endedDaysAgo * DAY_MS),
        },
      });
    const expired = await lease(LEASE_RETENTION_MS / DAY_MS + 1);
    const recent = await lease(8);
    const live = await lease(-0.01);

    expect(await pruneEndedLeases(db, now)).toBeGreaterThanOrEqual(1);
    const left = await db.numberLease.findMany({
      where: { tenantId: tenant.id },
      select: { id: true },
    });
    expect(left.map(({ id }) => id).sort()).toEqual([recent.id, live.id].sort());
    expect(left.map(({ id }) => id)).not.toContain(expired.id);
    expect(await pruneEndedLeases(db, now)).toBe(0);
  });
});

import { afterAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";

import { callerFor as createTestCaller } from "../support/callers";
import { createTestUser, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const callerFor = (user: { id: string; name: string; email: string }, slug: string) =>
  createTestCaller(db, user, slug);

/** A workspace with campaigns «Весна» (utm spring_sale) and «Лето» on Яндекс Директ, its owner and an agent. */
async function workspaceWithCampaigns(name = "Расходы") {
  const { owner, tenant } = await createTestWorkspace(db, name);
  const ownerCaller = callerFor(owner, tenant.slug);
  const sources = await ownerCaller.sites.sources();
  const direct = sources.find((source) => source.presetKey === "yandex_direct")!;
  const spring = await ownerCaller.sites.createCampaign({
    name: "Весна",
    sourceId: direct.id,
    utmCampaigns: ["spring_sale"],
  });
  const summer = await ownerCaller.sites.createCampaign({
    name: "Лето",
    sourceId: direct.id,
    utmCampaigns: ["summer"],
  });
  const agentUser = await createTestUser(db, "agent");
  await db.membership.create({
    data: { id: createId("mbr"), tenantId: tenant.id, userId: agentUser.id, role: "agent" },
  });
  return {
    tenant,
    owner: ownerCaller,
    agent: callerFor(agentUser, tenant.slug),
    spring,
    summer,
  };
}

const storedCosts = (tenantId: string) =>
  db.adCost.findMany({
    where: { tenantId },
    orderBy: [{ periodStart: "asc" }, { amountMinor: "asc" }],
    select: {
      campaignId: true,
      periodStart: true,
      periodEnd: true,
      amountMinor: true,
      origin: true,
    },
  });

/** The AppError code a procedure refused with (through tRPC, as its cause). */
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: { code?: string; cause?: { code?: string } }) => error.cause?.code ?? error.code,
  );

const GOOD_CSV = [
  "Дата;Кампания;Сумма",
  "05.01.2026;Весна;1 000,50",
  "05.01.2026;spring_sale;500",
  "06.01.2026;лето;200",
].join("\r\n");

describe("ad costs against the real database", () => {
  it("writes nothing from a file with bad rows and names their lines", async () => {
    const { tenant, owner } = await workspaceWithCampaigns();
    const result = await owner.costs.importCsv({
      text: "date,campaign,amount\n2026-01-05,Весна,100\n2026-01-06,Осень,100\n2026-01-07,Весна,-1\n",
    });
    expect(result).toEqual({
      status: "rejected",
      errorCount: 2,
      errors: [
        { line: 3, reason: "campaignUnknown", detail: "Осень" },
        { line: 4, reason: "amountNegative", detail: "-1" },
      ],
    });
    expect(await storedCosts(tenant.id)).toEqual([]);
  });

  it("writes a good file's sums per campaign and day, and a second import replaces them", async () => {
    const { tenant, owner, spring, summer } = await workspaceWithCampaigns();
    const dayCost = (campaignId: string, day: string, amountMinor: bigint) => ({
      campaignId,
      periodStart: new Date(`${day}T00:00:00Z`),
      periodEnd: new Date(`${day}T00:00:00Z`),
      amountMinor,
      origin: "csv",
    });
    const expected = [
      dayCost(spring.id, "2026-01-05", 150_050n),
      dayCost(summer.id, "2026-01-06", 20_000n),
    ];

    expect(await owner.costs.importCsv({ text: GOOD_CSV })).toEqual({
      status: "imported",
      rowCount: 3,
      costCount: 2,
    });
    expect(await storedCosts(tenant.id)).toEqual(expected);
    await owner.costs.importCsv({ text: GOOD_CSV });
    expect(await storedCosts(tenant.id)).toEqual(expected);
    expect(
      await db.auditLog.count({ where: { tenantId: tenant.id, action: "cost.imported" } }),
    ).toBe(2);
  });

  it("does not match another workspace's campaigns", async () => {
    const mine = await workspaceWithCampaigns("Мой");
    const theirs = await workspaceWithCampaigns("Чужой");
    await theirs.owner.sites.createCampaign({
      name: "Только у них",
      sourceId: (await theirs.owner.sites.sources())[0]!.id,
      utmCampaigns: ["theirs_only"],
    });
    const result = await mine.owner.costs.importCsv({
      text: "date;campaign;amount\n2026-01-05;Только у них;10\n2026-01-05;theirs_only;10",
    });
    expect(result).toMatchObject({
      status: "rejected",
      errors: [
        { line: 2, reason: "campaignUnknown" },
        { line: 3, reason: "campaignUnknown" },
      ],
    });
    expect(
      await codeOf(
        mine.owner.costs.setMonthly({
          campaignId: theirs.spring.id,
          month: "2026-01",
          amount: "100",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await storedCosts(theirs.tenant.id)).toEqual([]);
  });

  it("sets, replaces and clears a month by hand, naming a bad amount's field", async () => {
    const { tenant, owner, spring } = await workspaceWithCampaigns();
    await owner.costs.setMonthly({ campaignId: spring.id, month: "2026-02", amount: "15 000" });
    await owner.costs.setMonthly({ campaignId: spring.id, month: "2026-02", amount: "12 345,6" });
    expect(await storedCosts(tenant.id)).toEqual([
      {
        campaignId: spring.id,
        periodStart: new Date("2026-02-01T00:00:00Z"),
        periodEnd: new Date("2026-02-28T00:00:00Z"),
        amountMinor: 1_234_560n,
        origin: "manual",
      },
    ]);

    const refused = await owner.costs
      .setMonthly({ campaignId: spring.id, month: "2026-02", amount: "много" })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: ["amount"], message: "invalid" }] },
    });

    await owner.costs.setMonthly({ campaignId: spring.id, month: "2026-02", amount: "" });
    expect(await storedCosts(tenant.id)).toEqual([]);
  });

  it("lets an agent read costs unless hidden, and never write them", async () => {
    const { tenant, owner, agent, spring } = await workspaceWithCampaigns();
    await owner.costs.setMonthly({ campaignId: spring.id, month: "2026-01", amount: "100" });

    const seen = await agent.costs.grid();
    expect(seen.canEdit).toBe(false);
    expect(seen.campaigns.map((campaign) => campaign.name)).toEqual(["Весна", "Лето"]);

    expect(await codeOf(agent.costs.importCsv({ text: GOOD_CSV }))).toBe("FORBIDDEN");
    expect(
      await codeOf(
        agent.costs.setMonthly({ campaignId: spring.id, month: "2026-01", amount: "1" }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(agent.costs.setHideFromAgents({ hideCostsFromAgents: false }))).toBe(
      "FORBIDDEN",
    );

    await owner.costs.setHideFromAgents({ hideCostsFromAgents: true });
    expect(await codeOf(agent.costs.grid())).toBe("FORBIDDEN");
    expect((await owner.costs.grid()).hideCostsFromAgents).toBe(true);
    expect(
      await db.auditLog.findFirst({
        where: { tenantId: tenant.id, action: "analytics.costs_visibility_changed" },
        select: { data: true },
      }),
    ).toEqual({ data: { hideCostsFromAgents: true } });
    expect(await storedCosts(tenant.id)).toHaveLength(1);
  });
});

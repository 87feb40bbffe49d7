// A settings change that alters stored deals («Учитывать абонемент в сделке», the responsible)
// recomputes every existing deal in the background from its stored appointment, under both job
// drivers: the in-process worker and the Inngest function (run by @inngest/test). Real database,
// Klientiks emulator over HTTP.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";

import { recomputeKlientiksDeals } from "@/inngest/functions/recompute-klientiks-deals";
import { getDb } from "@/server/db/client";
import {
  findDealRecomputeProgress,
  findStalledDealRecomputes,
  recomputeDealsChunk,
} from "@/server/domain/deals/recompute-deals";
import { updateKlientiksSettings } from "@/server/domain/klientiks/connections";
import { createInboxProcessors } from "@/server/jobs/inbox-processors";
import { InlineWorker } from "@/server/jobs/inline-worker";
import { logger } from "@/server/logging/logger";
import { getTelephonyDeps } from "@/server/telephony-deps";

import { setUpKlientiksWorldPerTest, type TKlientiksWorld } from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let world: TKlientiksWorld;

setUpKlientiksWorldPerTest(db, {
  onWorld: (created) => (world = created),
  onClose: () => getDb().$disconnect(),
});

const HAIRCUT = 250_000;
const COLORING = 430_050;

/** Three imported deals: a visit partly paid by a service pack, one wholly paid by it, one without. */
async function importDeals() {
  const pack = await world.control.addServicePack(world.accountId, {
    name: "5 окрашиваний",
    client_id: world.client.id,
    service_ids: [world.services.coloring.id],
    visits_total: 5,
    price: 15_000,
  });
  const partly = await world.createAppointment({
    services: [
      { service_id: world.services.haircut.id },
      { service_id: world.services.coloring.id, service_pack_id: pack.id },
    ],
  });
  const wholly = await world.createAppointment({
    services: [{ service_id: world.services.coloring.id, service_pack_id: pack.id }],
    start: "2025-03-11 12:00:00",
    finish: "2025-03-11 13:00:00",
  });
  const plain = await world.createAppointment({
    start: "2025-03-12 12:00:00",
    finish: "2025-03-12 13:00:00",
  });
  for (const appointment of [partly, wholly, plain])
    await world.deliver({ appointment_id: String(appointment.id), status: appointment.status });
  await world.drainInbox();
  return { partly, wholly, plain };
}

const dealsByAppointment = async () =>
  new Map(
    (await db.deal.findMany({ where: { tenantId: world.tenantId } })).map((deal) => [
      Number(deal.externalId),
      deal,
    ]),
  );

const switchDealSettings = (deals: {
  responsible: "executor" | "author";
  excludeSubscriptionVisits: boolean;
}) =>
  updateKlientiksSettings(db, {
    tenantId: world.tenantId,
    actorUserId: world.owner.id,
    keyring: world.deps.keyring,
    changes: { deals: { isEnabled: true, ...deals } },
  });

const progress = () =>
  findDealRecomputeProgress(db, { tenantId: world.tenantId, connectionId: world.connectionId });

/** The same check for either driver: amounts and responsible follow the settings, no appointment is fetched again. */
async function expectRecomputedBy(
  runRecompute: (job: { tenantId: string; id: string }) => Promise<void>,
) {
  const { partly, wholly, plain } = await importDeals();
  let deals = await dealsByAppointment();
  expect(
    [partly, wholly, plain].map((appointment) => deals.get(appointment.id)?.amountMinor),
  ).toEqual([HAIRCUT + COLORING, COLORING, HAIRCUT]);
  expect(deals.get(partly.id)).toMatchObject({
    responsibleName: "Петрова Мария",
    responsibleKind: "executor",
  });
  const fetchesBefore = (await world.getAppointmentCalls()).length;
  // As deals stored before deal attribution existed: the recompute attributes them too.
  await db.deal.updateMany({
    where: { tenantId: world.tenantId },
    data: { attributionRule: null },
  });

  const { recompute } = await switchDealSettings({
    responsible: "author",
    excludeSubscriptionVisits: true,
  });
  expect(recompute).not.toBeNull();
  expect(await progress()).toMatchObject({ status: "running", total: 3, done: 0 });
  await runRecompute(recompute!);

  deals = await dealsByAppointment();
  expect(
    [partly, wholly, plain].map((appointment) => deals.get(appointment.id)?.amountMinor),
  ).toEqual([HAIRCUT, 0, HAIRCUT]);
  expect(deals.get(wholly.id)?.services).toEqual([
    expect.objectContaining({ amountMinor: 0, isPaidBySubscription: true }),
  ]);
  // Staff-created visits: the account owner is their author (klientiks-contract §14).
  for (const deal of deals.values())
    expect(deal).toMatchObject({
      responsibleId: String(world.author.id),
      responsibleName: "Смирнова Ольга",
      responsibleKind: "author",
    });
  expect(await progress()).toMatchObject({ status: "completed", total: 3, done: 3 });
  for (const deal of deals.values()) expect(deal.attributionRule).not.toBeNull();

  // Back again: the pack-paid lines count at their price once more.
  const { recompute: back } = await switchDealSettings({
    responsible: "author",
    excludeSubscriptionVisits: false,
  });
  await runRecompute(back!);
  deals = await dealsByAppointment();
  expect(
    [partly, wholly, plain].map((appointment) => deals.get(appointment.id)?.amountMinor),
  ).toEqual([HAIRCUT + COLORING, COLORING, HAIRCUT]);
  expect(await progress()).toMatchObject({ status: "completed", done: 3 });

  expect(await world.getAppointmentCalls()).toHaveLength(fetchesBefore);
}

describe("recompute of stored deals after a settings change", () => {
  it("runs in the in-process worker", async () => {
    const worker = new InlineWorker(
      db,
      { klientiks: world.deps, telephony: getTelephonyDeps() },
      createInboxProcessors(db, { klientiks: world.deps }),
      logger,
    );
    await expectRecomputedBy(() => worker.runDealRecomputes());
  });

  it("runs as the Inngest function", async () => {
    await expectRecomputedBy(async (job) => {
      const output = await new InngestTestEngine({ function: recomputeKlientiksDeals }).execute({
        events: [
          {
            name: "klientiks/deals-recompute.requested",
            data: { tenantId: job.tenantId, jobId: job.id },
          },
        ],
      });
      expect(output.error).toBeUndefined();
    });
  });

  it("goes chunk by chunk, so progress shows and a restart resumes after the last chunk", async () => {
    const { wholly } = await importDeals();
    const { recompute } = await switchDealSettings({
      responsible: "executor",
      excludeSubscriptionVisits: true,
    });
    expect(
      await recomputeDealsChunk(db, world.deps, {
        tenantId: world.tenantId,
        jobId: recompute!.id,
        chunkSize: 2,
      }),
    ).toEqual({ isFinished: false });
    expect(await progress()).toMatchObject({ status: "running", total: 3, done: 2 });
    // A run lost here (dead process, lost event) is found once no chunk has advanced it for 5 minutes.
    const ofTenant = (jobs: { tenantId: string }[]) =>
      jobs.filter((job) => job.tenantId === world.tenantId);
    expect(ofTenant(await findStalledDealRecomputes(db, new Date(Date.now() + 60_000)))).toEqual(
      [],
    );
    expect(
      ofTenant(await findStalledDealRecomputes(db, new Date(Date.now() + 6 * 60_000))),
    ).toEqual([{ id: recompute!.id, tenantId: world.tenantId }]);
    expect(
      await recomputeDealsChunk(db, world.deps, {
        tenantId: world.tenantId,
        jobId: recompute!.id,
        chunkSize: 2,
      }),
    ).toEqual({ isFinished: true });
    expect(await progress()).toMatchObject({ status: "completed", total: 3, done: 3 });
    expect((await dealsByAppointment()).get(wholly.id)).toMatchObject({
      amountMinor: 0,
      paidBySubscription: "full",
    });
  });

  it("stops visibly on refused credentials, and saving the deals step again retries it", async () => {
    const { partly } = await importDeals();
    // Names not cached: the recompute must list the employees once, and Klientiks refuses.
    await db.crmReference.deleteMany({ where: { tenantId: world.tenantId } });
    await world.control.addFault({
      mode: "auth_error",
      times: 1,
      match: { model: "Users", account_id: world.accountId },
    });
    const { recompute } = await switchDealSettings({
      responsible: "author",
      excludeSubscriptionVisits: false,
    });
    await expect(
      recomputeDealsChunk(db, world.deps, { tenantId: world.tenantId, jobId: recompute!.id }),
    ).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(await progress()).toMatchObject({
      status: "failed",
      error: "invalid_credentials",
      done: 0,
    });

    const { recompute: retry } = await switchDealSettings({
      responsible: "author",
      excludeSubscriptionVisits: false,
    });
    expect(retry).not.toBeNull();
    await new InlineWorker(
      db,
      { klientiks: world.deps, telephony: getTelephonyDeps() },
      createInboxProcessors(db, { klientiks: world.deps }),
      logger,
    ).runDealRecomputes();
    expect(await progress()).toMatchObject({ status: "completed", done: 3 });
    expect((await dealsByAppointment()).get(partly.id)).toMatchObject({
      responsibleName: "Смирнова Ольга",
      responsibleKind: "author",
    });
  });

  it("starts no recompute for a change that leaves deals as they are", async () => {
    await importDeals();
    const { recompute } = await updateKlientiksSettings(db, {
      tenantId: world.tenantId,
      actorUserId: world.owner.id,
      keyring: world.deps.keyring,
      changes: { accountTimezone: "Asia/Yekaterinburg" },
    });
    expect(recompute).toBeNull();
    expect(await progress()).toBeNull();
  });
});

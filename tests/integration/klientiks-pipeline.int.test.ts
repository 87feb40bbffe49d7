// The Klientiks deals pipeline end to end against the real database and the Klientiks emulator over
// HTTP: webhook → inbox → in-process processing → deal (klientiks-contract §9–§14; reliability R5–R9,
// R12, R13, R19). Every test gets a fresh emulator account and a fresh connected workspace.
import { describe, expect, it } from "vitest";

import { backfillSummary } from "@/app/w/[slug]/settings/integrations/klientiks/backfill-summary";
import { exportDealsCsv } from "@/server/domain/deals/export-deals-csv";
import { stageForStatus } from "@/server/domain/deals/klientiks-funnel";
import { findBackfillProgress, startBackfill } from "@/server/domain/inbox/backfill-jobs";
import { listBackfillAppointments } from "@/server/domain/klientiks/backfill";
import { setKlientiksActive, updateKlientiksSettings } from "@/server/domain/klientiks/connections";
import { runKlientiksDelivery } from "@/server/domain/klientiks/process-delivery";
import {
  findConnectionsDueForReconcile,
  RECONCILE_RETRY_MS,
  reconcileKlientiksConnection,
} from "@/server/domain/klientiks/reconcile";
import { findSyncHealth, requeueCredentialFailures } from "@/server/domain/klientiks/sync-health";

import { KEYS_AND_CODES, parseCsv } from "../support/csv";
import { KLIENTIKS_EMPTY_ITEMS } from "../support/klientiks-empty-items";
import {
  deliverWebhook,
  EMULATOR_CLOCK,
  EMULATOR_CLOCK_INSTANT,
  setUpKlientiksWorldPerTest,
  startWebhookReceiver,
  type TKlientiksWorld,
} from "../support/klientiks-harness";
import { createTestDb, isEmbeddedDatabase } from "../support/test-db";

const db = createTestDb();
let world: TKlientiksWorld;

setUpKlientiksWorldPerTest(db, { onWorld: (created) => (world = created) });

const HOUR_MS = 60 * 60 * 1000;

const dealOf = (appointmentId: number) =>
  db.deal.findUniqueOrThrow({
    where: { tenantId_externalId: { tenantId: world.tenantId, externalId: String(appointmentId) } },
    include: { stageChanges: { orderBy: { at: "asc" } } },
  });

const deliveriesOfTenant = () =>
  db.webhookDelivery.findMany({
    where: { tenantId: world.tenantId },
    orderBy: { receivedAt: "asc" },
  });

/** A webhook for an appointment as the brief's templates render it, in its own dedupe bucket. */
const deliverFor = (appointment: { id: number; status: string }, receivedAt = new Date()) =>
  world.deliver(
    { appointment_id: String(appointment.id), status: appointment.status },
    { receivedAt },
  );

describe("a webhook becomes a deal", () => {
  it("creates the deal of a new appointment from the emulator's own webhook", async () => {
    const receiver = await startWebhookReceiver(db);
    try {
      await world.subscribeWebhooks(receiver.url);
      const appointment = await world.createAppointment({
        services: [
          { service_id: world.services.haircut.id },
          { service_id: world.services.coloring.id },
        ],
        json_data: { visit_goal: "свадьба" },
        fire_webhooks: true,
      });
      const delivered = await world.control.waitForDeliveries(world.accountId, {
        count: 1,
        timeoutMs: 15_000,
      });
      expect(receiver.errors).toEqual([]);
      expect(delivered).toEqual([
        expect.objectContaining({
          event: "appointment_created",
          outcome: "delivered",
          status: 200,
        }),
      ]);
      expect(receiver.outcomes).toEqual([
        expect.objectContaining({
          kind: "accepted",
          appointmentId: String(appointment.id),
          isDuplicate: false,
        }),
      ]);
    } finally {
      await receiver.close();
    }

    const [first] = await world.drainInbox();
    expect(first).toEqual({ ok: true });

    const [appointment] = await world.control.listAppointments(world.accountId);
    const deal = await dealOf(appointment!.id);
    expect(deal).toMatchObject({
      externalId: String(appointment!.id),
      connectionId: world.connectionId,
      name: "Стрижка, Окрашивание",
      amountMinor: 250_000 + 430_050,
      currency: "RUB",
      status: "scheduled",
      stage: "scheduled",
      stageGroup: "in_work",
      // 12:00–13:30 in Moscow (UTC+3).
      visitStartAt: new Date("2025-03-10T09:00:00Z"),
      visitEndAt: new Date("2025-03-10T10:30:00Z"),
      crmCreatedAt: EMULATOR_CLOCK_INSTANT,
      crmModifiedAt: EMULATOR_CLOCK_INSTANT,
      responsibleId: String(world.executor.id),
      responsibleName: "Петрова Мария",
      responsibleKind: "executor",
      contactName: "Иванова Анна",
      contactPhone: "+79990000001",
      contactEmail: "anna@example.com",
      paidBySubscription: "none",
      isSale: false,
      missingInSource: false,
    });
    expect(deal.customFields).toMatchObject({
      appointment: { visit_goal: "свадьба" },
      client: { allergy: "нет" },
    });
    const deliveries = await deliveriesOfTenant();
    expect(deliveries).toEqual([
      expect.objectContaining({
        status: "processed",
        source: "webhook",
        dealId: deal.id,
        attempts: 1,
      }),
    ]);
    // The history dates a change by when Klientiks reported it: the webhook's arrival.
    expect(deal.stageChanges).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: "scheduled",
        at: deliveries[0]!.receivedAt,
      }),
    ]);
  });

  it("follows a status change made in Klientiks", async () => {
    const receiver = await startWebhookReceiver(db);
    try {
      await world.subscribeWebhooks(receiver.url);
      const appointment = await world.createAppointment({ fire_webhooks: true });
      await world.control.waitForDeliveries(world.accountId, { count: 1, timeoutMs: 15_000 });
      await world.drainInbox();

      await world.control.setClock("2025-03-01 10:05:00");
      await world.control.patchAppointment(world.accountId, appointment.id, { status: "finished" });
      expect(
        (
          await world.control.waitForDeliveries(world.accountId, { count: 2, timeoutMs: 15_000 })
        ).map((delivery) => [delivery.event, delivery.status]),
      ).toEqual([
        ["appointment_created", 200],
        ["appointment_changed", 200],
      ]);
      // The change event takes the id from `new_data` (klientiks-contract §12.2).
      expect(receiver.outcomes.map((outcome) => outcome.kind)).toEqual(["accepted", "accepted"]);
      await world.drainInbox();

      const deal = await dealOf(appointment.id);
      expect(deal).toMatchObject({
        status: "finished",
        stage: "finished",
        stageGroup: "won",
        crmModifiedAt: new Date("2025-03-01T07:05:00Z"),
      });
      const [created, changed] = await deliveriesOfTenant();
      expect(
        deal.stageChanges.map(({ fromStatus, toStatus, at }) => ({ fromStatus, toStatus, at })),
      ).toEqual([
        { fromStatus: null, toStatus: "scheduled", at: created!.receivedAt },
        { fromStatus: "scheduled", toStatus: "finished", at: changed!.receivedAt },
      ]);
      expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(1);
    } finally {
      await receiver.close();
    }
  });
});

describe("settings", () => {
  const settingsWith = (deals: {
    responsible: "executor" | "author";
    excludeSubscriptionVisits: boolean;
  }) =>
    updateKlientiksSettings(db, {
      tenantId: world.tenantId,
      actorUserId: world.owner.id,
      keyring: world.deps.keyring,
      changes: { deals: { isEnabled: true, ...deals }, accountTimezone: "Europe/Moscow" },
    });

  it("names the author of the visit as responsible when asked to", async () => {
    await settingsWith({ responsible: "author", excludeSubscriptionVisits: false });
    const appointment = await world.createAppointment({ author_id: world.author.id });
    await deliverFor(appointment);
    await world.drainInbox();

    expect(await dealOf(appointment.id)).toMatchObject({
      responsibleId: String(world.author.id),
      responsibleName: "Смирнова Ольга",
      responsibleKind: "author",
    });
  });

  it("counts a service-pack line at its would-be price, or not at all with «Учитывать абонемент в сделке»", async () => {
    const pack = await world.control.addServicePack(world.accountId, {
      name: "5 окрашиваний",
      client_id: world.client.id,
      service_ids: [world.services.coloring.id],
      visits_total: 5,
      price: 15_000,
    });
    const appointment = await world.createAppointment({
      services: [
        { service_id: world.services.haircut.id },
        { service_id: world.services.coloring.id, service_pack_id: pack.id },
      ],
    });

    await deliverFor(appointment, new Date(Date.now() - 60_000));
    await world.drainInbox();
    expect(await dealOf(appointment.id)).toMatchObject({
      amountMinor: 250_000 + 430_050,
      paidBySubscription: "partial",
    });

    await settingsWith({ responsible: "executor", excludeSubscriptionVisits: true });
    await deliverFor(appointment);
    await world.drainInbox();
    const deal = await dealOf(appointment.id);
    expect(deal).toMatchObject({ amountMinor: 250_000, paidBySubscription: "partial" });
    expect(deal.services).toEqual([
      expect.objectContaining({
        name: "Стрижка",
        amountMinor: 250_000,
        isPaidBySubscription: false,
      }),
      expect.objectContaining({ name: "Окрашивание", amountMinor: 0, isPaidBySubscription: true }),
    ]);
    // A settings change alone moves no stage.
    expect(deal.stageChanges).toHaveLength(1);
  });
});

describe("duplicates and ordering (R6, R8)", () => {
  it("collapses a storm of 20 identical deliveries into one row, one fetch and one deal", async () => {
    const appointment = await world.createAppointment();
    const receivedAt = new Date("2025-03-01T07:00:01.000Z");

    // Concurrent inserts over several connections; the embedded database can only serve one.
    const stormDb = createTestDb({ maxConnections: (await isEmbeddedDatabase(db)) ? 1 : 10 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        deliverWebhook(
          stormDb,
          world.token,
          { appointment_id: String(appointment.id), status: appointment.status },
          { receivedAt },
        ),
      ),
    ).finally(() => stormDb.$disconnect());

    expect(new Set(outcomes.map((outcome) => outcome.kind))).toEqual(new Set(["accepted"]));
    const accepted = outcomes.flatMap((outcome) => (outcome.kind === "accepted" ? [outcome] : []));
    expect(accepted.filter((outcome) => !outcome.isDuplicate)).toHaveLength(1);
    expect(new Set(accepted.map((outcome) => outcome.deliveryId)).size).toBe(1);
    expect(await deliveriesOfTenant()).toHaveLength(1);

    await world.drainInbox();
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(1);
    expect(await world.getAppointmentCalls()).toHaveLength(1);
  });

  it("ends at the latest status whatever order the deliveries are processed in, never regresses, and keeps the reported order", async () => {
    const statuses = ["scheduled", "confirmed", "finished"] as const;
    const permutations = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const [index, order] of permutations.entries()) {
      await world.control.setClock(EMULATOR_CLOCK_INSTANT.toISOString());
      const appointment = await world.createAppointment();
      await world.control.setClock(
        new Date(EMULATOR_CLOCK_INSTANT.getTime() + 60_000).toISOString(),
      );
      await world.control.patchAppointment(world.accountId, appointment.id, {
        status: "confirmed",
        fire_webhooks: false,
      });
      await world.control.setClock(
        new Date(EMULATOR_CLOCK_INSTANT.getTime() + 120_000).toISOString(),
      );
      await world.control.patchAppointment(world.accountId, appointment.id, {
        status: "finished",
        fire_webhooks: false,
      });

      // Klientiks reported the statuses in their order, 10 s apart; the deliveries are processed scrambled.
      const reportedAt = (statusIndex: number) =>
        new Date(Date.UTC(2025, 2, 1, 8, index, statusIndex * 10));
      let reached = -1;
      for (const [step, statusIndex] of order.entries()) {
        await world.deliver(
          { appointment_id: String(appointment.id), status: statuses[statusIndex]! },
          { receivedAt: reportedAt(statusIndex) },
        );
        await world.drainInbox();
        const stageOrder = stageForStatus((await dealOf(appointment.id)).status).order;
        expect(
          stageOrder,
          `after processing ${order
            .slice(0, step + 1)
            .map((at) => statuses[at])
            .join(", ")}`,
        ).toBeGreaterThanOrEqual(reached);
        reached = stageOrder;
      }
      const deal = await dealOf(appointment.id);
      expect(deal).toMatchObject({ status: "finished", stageGroup: "won" });
      expect(
        deal.stageChanges.map(({ fromStatus, toStatus, at }) => ({ fromStatus, toStatus, at })),
        `processed as ${order.join(", ")}`,
      ).toEqual([
        { fromStatus: null, toStatus: "scheduled", at: reportedAt(0) },
        { fromStatus: "scheduled", toStatus: "confirmed", at: reportedAt(1) },
        { fromStatus: "confirmed", toStatus: "finished", at: reportedAt(2) },
      ]);
    }
    expect(
      await db.webhookDelivery.count({ where: { tenantId: world.tenantId, status: "processed" } }),
    ).toBe(18);
  });

  it("ignores an appointment older than the deal, as a lagging replica would serve it", async () => {
    const appointment = await world.createAppointment();
    await world.control.setClock("2025-03-01 10:05:00");
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "finished",
      fire_webhooks: false,
    });
    await deliverFor({ id: appointment.id, status: "finished" }, new Date(Date.now() - 60_000));
    await world.drainInbox();

    // The emulator clock moves back: the fetched appointment is older than what the deal holds.
    await world.control.setClock("2025-03-01 10:01:00");
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "confirmed",
      fire_webhooks: false,
    });
    await deliverFor({ id: appointment.id, status: "confirmed" });
    expect(await world.drainInbox()).toEqual([{ ok: true }]);

    const deal = await dealOf(appointment.id);
    expect(deal).toMatchObject({
      status: "finished",
      crmModifiedAt: new Date("2025-03-01T07:05:00Z"),
    });
    // The reported status stays in the history; the deal's stage, the freshest fetch, closes it.
    expect(deal.stageChanges.map((change) => [change.fromStatus, change.toStatus])).toEqual([
      [null, "finished"],
      ["finished", "confirmed"],
      ["confirmed", "finished"],
    ]);
    expect((await deliveriesOfTenant()).map((row) => row.status)).toEqual([
      "processed",
      "processed",
    ]);
  });
});

describe("stage history: every status Klientiks reported, in the order reported", () => {
  const historyOf = async (appointmentId: number) =>
    (await dealOf(appointmentId)).stageChanges.map(({ fromStatus, toStatus }) => [
      fromStatus,
      toStatus,
    ]);
  /** Quick changes: 300 ms apart, all inside one dedupe window. */
  const quickly = (step: number) => new Date(Date.UTC(2025, 2, 1, 8, 0, 0, step * 300));

  it("keeps a cancellation undone within a second, though every delivery is processed after Klientiks reports the final state", async () => {
    const appointment = await world.createAppointment();
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "cancelled",
      fire_webhooks: false,
    });
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "scheduled",
      fire_webhooks: false,
    });
    for (const [step, status] of ["scheduled", "cancelled", "scheduled"].entries())
      await world.deliver(
        { appointment_id: String(appointment.id), status },
        { receivedAt: quickly(step) },
      );
    await world.drainInbox();

    const deal = await dealOf(appointment.id);
    expect(deal).toMatchObject({ status: "scheduled", stageGroup: "in_work" });
    expect(await historyOf(appointment.id)).toEqual([
      [null, "scheduled"],
      ["scheduled", "cancelled"],
      ["cancelled", "scheduled"],
    ]);
    expect(deal.stageChanges.slice(0, 2).map((change) => change.at)).toEqual([
      quickly(0),
      quickly(1),
    ]);
  });

  it("keeps the reported order when the deliveries are processed in reverse", async () => {
    const appointment = await world.createAppointment();
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "cancelled",
      fire_webhooks: false,
    });
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "scheduled",
      fire_webhooks: false,
    });
    for (const [step, status] of ["scheduled", "cancelled", "scheduled"].entries())
      await world.deliver(
        { appointment_id: String(appointment.id), status },
        { receivedAt: quickly(step) },
      );
    // Arrival fixes the reported order; processing (retries, concurrency) may run the other way round.
    for (const delivery of (await deliveriesOfTenant()).reverse())
      await runKlientiksDelivery(db, world.deps, {
        tenantId: world.tenantId,
        deliveryId: delivery.id,
      });
    expect(await historyOf(appointment.id)).toEqual([
      [null, "scheduled"],
      ["scheduled", "cancelled"],
      ["cancelled", "scheduled"],
    ]);
  });

  it("keeps the first stage when the status changes to one Klientiks does not document, and stores that status verbatim", async () => {
    const appointment = await world.createAppointment();
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "arrived",
      fire_webhooks: false,
    });
    await world.deliver(
      { appointment_id: String(appointment.id), status: "scheduled" },
      { receivedAt: quickly(0) },
    );
    await world.deliver(
      { appointment_id: String(appointment.id), status: "arrived" },
      { receivedAt: quickly(1) },
    );
    await world.drainInbox();

    expect(await dealOf(appointment.id)).toMatchObject({ status: "arrived", stage: "arrived" });
    expect(await historyOf(appointment.id)).toEqual([
      [null, "scheduled"],
      ["scheduled", "arrived"],
    ]);
  });

  it("adds a change only reconciliation saw after the webhooks, and the fetched stage when a webhook was missed", async () => {
    const appointment = await world.createAppointment();
    await deliverFor(appointment);
    await world.drainInbox();
    // Two changes without webhooks: processing a later delivery fetches the newest state.
    await world.control.setClock("2025-03-01 10:05:00");
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "confirmed",
      fire_webhooks: false,
    });
    await reconcileKlientiksConnection(db, world.deps, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      now: new Date(EMULATOR_CLOCK_INSTANT.getTime() + HOUR_MS),
    });
    await world.drainInbox();
    expect(await historyOf(appointment.id)).toEqual([
      [null, "scheduled"],
      ["scheduled", "confirmed"],
    ]);

    await world.control.setClock("2025-03-01 10:10:00");
    await world.control.patchAppointment(world.accountId, appointment.id, {
      status: "finished",
      fire_webhooks: false,
    });
    await deliverFor({ id: appointment.id, status: "confirmed" }, new Date(Date.now() + 20_000));
    await world.drainInbox({ now: new Date(Date.now() + 20_000) });
    expect(await dealOf(appointment.id)).toMatchObject({ status: "finished" });
    expect(await historyOf(appointment.id)).toEqual([
      [null, "scheduled"],
      ["scheduled", "confirmed"],
      ["confirmed", "finished"],
    ]);
  });
});

describe("what the receiver refuses", () => {
  it("records a missing or non-numeric appointment_id as rejected and processes nothing", async () => {
    const at = (second: number) => ({ receivedAt: new Date(Date.UTC(2025, 2, 1, 7, 0, second)) });
    expect(await world.deliver({ status: "scheduled" }, at(1))).toMatchObject({
      kind: "rejected",
      reason: "missing_appointment_id",
    });
    expect(await world.deliver({ appointment_id: "", status: "scheduled" }, at(2))).toMatchObject({
      kind: "rejected",
      reason: "missing_appointment_id",
    });
    expect(
      await world.deliver({ appointment_id: "12a", status: "scheduled" }, at(3)),
    ).toMatchObject({ kind: "rejected", reason: "invalid_appointment_id" });

    const rows = await deliveriesOfTenant();
    expect(rows.map((row) => [row.status, row.errorCode])).toEqual([
      ["rejected", "missing_appointment_id"],
      ["rejected", "missing_appointment_id"],
      ["rejected", "invalid_appointment_id"],
    ]);
    expect(await world.drainInbox()).toEqual([]);
    expect(await world.getAppointmentCalls()).toEqual([]);
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(0);
  });

  it("does not know an unknown token, nor the token of a deactivated connection", async () => {
    expect(await world.deliver({ appointment_id: "1" }, { token: "A".repeat(43) })).toEqual({
      kind: "unknown_endpoint",
    });

    await setKlientiksActive(db, {
      tenantId: world.tenantId,
      actorUserId: world.owner.id,
      isActive: false,
    });
    expect(await world.deliver({ appointment_id: "1" })).toEqual({ kind: "unknown_endpoint" });
    expect(await deliveriesOfTenant()).toEqual([]);
  });
});

describe("the wizard's live check", () => {
  const activatedAt = async () =>
    (await findSyncHealth(db, { tenantId: world.tenantId }))?.activatedAt;
  const setActive = (isActive: boolean) =>
    setKlientiksActive(db, { tenantId: world.tenantId, actorUserId: world.owner.id, isActive });

  it("awaits the first webhook only while switched on, counting from the latest activation", async () => {
    await setActive(false);
    expect(await activatedAt()).toBeNull();

    const before = Date.now();
    await setActive(true);
    const activated = await activatedAt();
    expect(activated?.getTime()).toBeGreaterThanOrEqual(before);
    expect(activated?.getTime()).toBeLessThanOrEqual(Date.now());

    // Pressing «Активировать» on an active connection does not restart the wait.
    await setActive(true);
    expect(await activatedAt()).toEqual(activated);
  });
});

describe("failures (R9, R12, R19)", () => {
  it("retries a 500 with backoff and then succeeds", async () => {
    const appointment = await world.createAppointment();
    await world.control.addFault({
      mode: "http_error",
      status: 500,
      times: 1,
      match: { action: "getAppointment", account_id: world.accountId },
    });
    await deliverFor(appointment);

    const before = Date.now();
    const [first] = await world.drainInbox();
    expect(first).toMatchObject({
      ok: false,
      failure: { code: "klientiks_unavailable", isRetriable: true },
    });
    const [pending] = await deliveriesOfTenant();
    expect(pending).toMatchObject({
      status: "pending",
      attempts: 1,
      errorCode: "klientiks_unavailable",
      lockedUntil: null,
    });
    expect(pending!.nextAttemptAt.getTime()).toBeGreaterThan(before);
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(0);

    expect(await world.drainInbox({ now: new Date(pending!.nextAttemptAt.getTime() + 1) })).toEqual(
      [{ ok: true }],
    );
    expect(await deliveriesOfTenant()).toEqual([
      expect.objectContaining({ status: "processed", attempts: 2, errorCode: null }),
    ]);
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(1);
    expect(await world.getAppointmentCalls()).toHaveLength(2);
  });

  it.each(KLIENTIKS_EMPTY_ITEMS)(
    "fails an appointment Klientiks does not have, without retrying, and flags a deal that vanished (empty answers as %s)",
    async (emptyItems) => {
      await world.control.patchAccount(world.accountId, { empty_items: emptyItems });
      await world.deliver({ appointment_id: "987654", status: "scheduled" });
      expect(await world.drainInbox()).toEqual([
        expect.objectContaining({
          ok: false,
          failure: expect.objectContaining({ code: "appointment_not_found", isRetriable: false }),
        }),
      ]);
      expect(await deliveriesOfTenant()).toEqual([
        expect.objectContaining({
          status: "failed",
          errorCode: "appointment_not_found",
          attempts: 1,
        }),
      ]);

      const appointment = await world.createAppointment();
      await deliverFor(appointment);
      await world.drainInbox();
      await world.control.addFault({
        mode: "no_data",
        as: emptyItems,
        times: 1,
        match: { action: "getAppointment", account_id: world.accountId },
      });
      await deliverFor(appointment, new Date(Date.now() + 10_000));
      await world.drainInbox({ now: new Date(Date.now() + 10_000) });
      // Never deleted, only flagged (R9).
      expect(await dealOf(appointment.id)).toMatchObject({
        missingInSource: true,
        status: "scheduled",
      });
    },
  );

  it("stops calling Klientiks after refused credentials, and drains the backlog once they are fixed", async () => {
    const [first, second] = [
      await world.createAppointment(),
      await world.createAppointment({
        start: "2025-03-11 12:00:00",
        finish: "2025-03-11 13:00:00",
      }),
    ];
    await world.control.addFault({
      mode: "auth_error",
      times: 1,
      match: { action: "getAppointment", account_id: world.accountId },
    });

    await deliverFor(first!);
    expect(await world.drainInbox()).toEqual([
      expect.objectContaining({
        ok: false,
        failure: expect.objectContaining({ code: "invalid_credentials", isRetriable: false }),
      }),
    ]);
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "needs_attention" });

    const requestsBefore = (await world.control.requests({ accountId: world.accountId })).length;
    await deliverFor(second!);
    expect(await world.drainInbox()).toEqual([
      expect.objectContaining({
        ok: false,
        failure: expect.objectContaining({ code: "connection_needs_attention" }),
      }),
    ]);
    expect(await world.control.requests({ accountId: world.accountId })).toHaveLength(
      requestsBefore,
    );
    // The banner keeps the real cause, not the short-circuit that followed it.
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "needs_attention", lastError: "invalid_credentials" });
    expect((await deliveriesOfTenant()).map((row) => [row.status, row.errorCode])).toEqual([
      ["failed", "invalid_credentials"],
      ["failed", "connection_needs_attention"],
    ]);

    await world.reconnect();
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "active", lastError: null });
    expect(
      await requeueCredentialFailures(db, {
        tenantId: world.tenantId,
        connectionId: world.connectionId,
      }),
    ).toHaveLength(2);
    expect(await world.drainInbox()).toEqual([{ ok: true }, { ok: true }]);
    expect((await deliveriesOfTenant()).map((row) => row.status)).toEqual([
      "processed",
      "processed",
    ]);
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(2);
  });
});

describe("reconciliation and backfill (R13)", () => {
  const STATUSES = ["scheduled", "confirmed", "finished", "missed", "cancelled"];

  const createTen = async () => {
    for (let index = 0; index < 10; index += 1) {
      await world.createAppointment({
        status: STATUSES[index % STATUSES.length],
        start: `2025-03-${String(10 + index).padStart(2, "0")} 12:00:00`,
        finish: `2025-03-${String(10 + index).padStart(2, "0")} 13:00:00`,
      });
    }
    return world.control.listAppointments(world.accountId);
  };

  const dealsOfTenant = async () =>
    (
      await db.deal.findMany({
        where: { tenantId: world.tenantId },
        select: { externalId: true, status: true },
      })
    ).sort((a, b) => Number(a.externalId) - Number(b.externalId));

  it("heals missed webhooks: the deals equal the emulator's appointments, and a second run enqueues nothing", async () => {
    const appointments = await createTen();
    const now = new Date(EMULATOR_CLOCK_INSTANT.getTime() + HOUR_MS);

    const first = await reconcileKlientiksConnection(db, world.deps, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      now,
    });
    expect(first.listed).toBe(10);
    expect(first.enqueued).toHaveLength(10);
    expect((await deliveriesOfTenant()).map((row) => row.source)).toEqual(
      Array(10).fill("reconcile"),
    );

    await world.drainInbox();
    expect(await dealsOfTenant()).toEqual(
      appointments
        .map((appointment) => ({ externalId: String(appointment.id), status: appointment.status }))
        .sort((a, b) => Number(a.externalId) - Number(b.externalId)),
    );

    const second = await reconcileKlientiksConnection(db, world.deps, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      now: new Date(now.getTime() + HOUR_MS),
    });
    expect(second.enqueued).toEqual([]);
    expect(await deliveriesOfTenant()).toHaveLength(10);
  });

  it.each(KLIENTIKS_EMPTY_ITEMS)(
    "reconciles an account where nothing changed (answered as %s): nothing listed, the run recorded",
    async (emptyItems) => {
      await world.control.patchAccount(world.accountId, { empty_items: emptyItems });
      const now = new Date(EMULATOR_CLOCK_INSTANT.getTime() + HOUR_MS);
      expect(
        await reconcileKlientiksConnection(db, world.deps, {
          tenantId: world.tenantId,
          connectionId: world.connectionId,
          now,
        }),
      ).toEqual({ listed: 0, enqueued: [] });
      expect(
        await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
      ).toMatchObject({ lastReconcileAt: now, lastError: null });
    },
  );

  it("waits after a failed run instead of listing an unreachable account on every tick, and a success clears the wait", async () => {
    const isDue = async (at: Date) =>
      (await findConnectionsDueForReconcile(db, at)).some(({ id }) => id === world.connectionId);
    const failedAt = new Date(EMULATOR_CLOCK_INSTANT.getTime() + HOUR_MS);
    expect(await isDue(failedAt)).toBe(true);
    await world.control.addFault({
      mode: "http_error",
      status: 503,
      times: 1,
      match: { model: "AppointmentClientLinks", account_id: world.accountId },
    });
    await expect(
      reconcileKlientiksConnection(db, world.deps, {
        tenantId: world.tenantId,
        connectionId: world.connectionId,
        now: failedAt,
      }),
    ).rejects.toMatchObject({ code: "klientiks_unavailable" });
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "active", lastReconcileAt: null });

    expect(await isDue(new Date(failedAt.getTime() + RECONCILE_RETRY_MS - 1))).toBe(false);
    const retryAt = new Date(failedAt.getTime() + RECONCILE_RETRY_MS);
    expect(await isDue(retryAt)).toBe(true);
    await reconcileKlientiksConnection(db, world.deps, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      now: retryAt,
    });
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ lastReconcileAt: retryAt, reconcileRetryAt: null });
  });

  it("backfills history through the inbox and reports completion", async () => {
    await createTen();
    const job = await startBackfill(db, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      since: new Date(EMULATOR_CLOCK_INSTANT.getTime() - 30 * 24 * HOUR_MS),
    });
    const enqueued = await listBackfillAppointments(db, world.deps, {
      tenantId: world.tenantId,
      jobId: job.id,
    });
    expect(enqueued).toHaveLength(10);
    expect(
      await findBackfillProgress(db, {
        tenantId: world.tenantId,
        connectionId: world.connectionId,
      }),
    ).toMatchObject({ status: "running", queued: 10, done: 0 });

    await world.drainInbox();
    expect(
      await findBackfillProgress(db, {
        tenantId: world.tenantId,
        connectionId: world.connectionId,
      }),
    ).toMatchObject({ status: "completed", listed: 10, queued: 10, done: 10, failed: 0 });
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(10);

    // Again for the same period: everything listed was already imported, and the job says so.
    const again = await startBackfill(db, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      since: new Date(EMULATOR_CLOCK_INSTANT.getTime() - 30 * 24 * HOUR_MS),
    });
    expect(
      await listBackfillAppointments(db, world.deps, { tenantId: world.tenantId, jobId: again.id }),
    ).toEqual([]);
    const progress = await findBackfillProgress(db, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
    });
    expect(progress).toMatchObject({ id: again.id, status: "completed", listed: 10, queued: 0 });
    expect(backfillSummary(progress!)).toEqual({
      key: "backfillNothingNew",
      values: { listed: 10 },
    });
  });

  it("stops a backfill on refused credentials, and never calls Klientiks for a connection that needs attention", async () => {
    const since = new Date(EMULATOR_CLOCK_INSTANT.getTime() - 30 * 24 * HOUR_MS);
    await world.control.addFault({
      mode: "auth_error",
      times: 1,
      match: { model: "AppointmentClientLinks", account_id: world.accountId },
    });
    const refused = await startBackfill(db, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      since,
    });
    await expect(
      listBackfillAppointments(db, world.deps, { tenantId: world.tenantId, jobId: refused.id }),
    ).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(await db.backfillJob.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({
      status: "failed",
      error: "invalid_credentials",
    });
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "needs_attention", lastError: "invalid_credentials" });

    const requestsBefore = (await world.control.requests({ accountId: world.accountId })).length;
    const blocked = await startBackfill(db, {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      since,
    });
    await expect(
      listBackfillAppointments(db, world.deps, { tenantId: world.tenantId, jobId: blocked.id }),
    ).rejects.toMatchObject({ code: "connection_needs_attention" });
    expect(await db.backfillJob.findUniqueOrThrow({ where: { id: blocked.id } })).toMatchObject({
      status: "failed",
      error: "connection_needs_attention",
    });
    expect(await world.control.requests({ accountId: world.accountId })).toHaveLength(
      requestsBefore,
    );
  });
});

describe("CSV export", () => {
  it("has a header and one line per deal, and defuses formulas", async () => {
    const evil = await world.control.addService(world.accountId, {
      name: '=HYPERLINK("http://evil.example")',
      price: "100",
    });
    const plain = await world.createAppointment();
    const formula = await world.createAppointment({
      services: [{ service_id: evil.id }],
      start: "2025-03-12 12:00:00",
      finish: "2025-03-12 13:00:00",
    });
    await deliverFor(plain);
    await deliverFor(formula);
    await world.drainInbox();

    let text = "";
    // On the workspace's clock: the visit booked for 12:00 Moscow time reads 12:00.
    for await (const chunk of exportDealsCsv(db, {
      tenantId: world.tenantId,
      filters: { includeSales: true },
      sort: { field: "crmCreatedAt", direction: "desc" },
      timeZone: "Europe/Moscow",
      ...KEYS_AND_CODES,
    }))
      text += chunk;
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...lines] = parseCsv(text.slice(1));
    expect(header).toEqual([
      "externalId",
      "name",
      "amount",
      "currency",
      "status",
      "stageGroup",
      "visitStartAt",
      "visitEndAt",
      "crmCreatedAt",
      "crmModifiedAt",
      "responsibleName",
      "contactName",
      "contactPhone",
      "contactEmail",
      "isSale",
      "isOnlineBooking",
      "paidBySubscription",
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
    expect(lines).toHaveLength(2);

    const byId = new Map(lines.map((line) => [line[0], line]));
    // The attribution columns are deals-attribution-filters.int.test.ts's.
    expect(byId.get(String(plain.id))?.slice(0, 17)).toEqual([
      String(plain.id),
      "Стрижка",
      "2500.00",
      "RUB",
      "scheduled",
      "in_work",
      "2025-03-10 12:00:00",
      "2025-03-10 13:30:00",
      EMULATOR_CLOCK,
      EMULATOR_CLOCK,
      "Петрова Мария",
      "Иванова Анна",
      "+79990000001",
      "anna@example.com",
      "false",
      "false",
      "none",
    ]);
    expect(byId.get(String(formula.id))?.slice(0, 3)).toEqual([
      String(formula.id),
      `'=HYPERLINK("http://evil.example")`,
      "100.00",
    ]);
  });
});

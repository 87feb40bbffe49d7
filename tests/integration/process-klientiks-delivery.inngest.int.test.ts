// The Inngest function `process-klientiks-delivery` run by @inngest/test against a real inbox row, the
// real database and the Klientiks emulator over HTTP (reliability R7, R9, R11, R12, R19).
//
// @inngest/test 1.0.0 does not model retries: a step that throws ends the execution (its source:
// "Any error halts execution until retries are modelled"). A retry is therefore modelled as Inngest
// performs it: a new execution whose earlier steps are memoised with their recorded outputs, so only
// the failed step runs again. Its `onFailure` handler is run through the SDK's own execution engine in
// failure mode, with the `inngest/function.failed` event Inngest would send.
import { InngestTestEngine } from "@inngest/test";
import { StepError } from "inngest";
import { errors, InngestExecutionEngine } from "inngest/internals";
import { describe, expect, it } from "vitest";

import { processKlientiksDelivery } from "@/inngest/functions/process-klientiks-delivery";
import { getDb } from "@/server/db/client";
import { findSyncHealth } from "@/server/domain/klientiks/sync-health";

import { runOnFailure } from "../support/inngest-failure";
import { expectRunStateWithout, runState, type TRunOutput } from "../support/inngest-run-state";
import { setUpKlientiksWorldPerTest, type TKlientiksWorld } from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let world: TKlientiksWorld;

setUpKlientiksWorldPerTest(db, {
  onWorld: (created) => (world = created),
  onClose: () => getDb().$disconnect(),
});

/** A webhook for a fresh appointment, recorded in the inbox, and the event the route would send. */
async function receivedDelivery() {
  const appointment = await world.createAppointment();
  const outcome = await world.deliver({
    appointment_id: String(appointment.id),
    status: appointment.status,
  });
  if (outcome.kind !== "accepted")
    throw new Error(`expected an accepted delivery, got ${outcome.kind}`);
  const event = {
    name: "klientiks/webhook.received",
    data: {
      deliveryId: outcome.deliveryId,
      tenantId: outcome.tenantId,
      connectionId: outcome.connectionId,
      appointmentId: outcome.appointmentId,
      runKey: outcome.deliveryId,
    },
  };
  return { appointment, deliveryId: outcome.deliveryId, event };
}

/** A fresh engine per run: one engine memoises mocked steps across executions. */
const execute = (
  event: { name: string; data: Record<string, unknown> },
  steps: InngestTestEngine.MockedStep[] = [],
) =>
  new InngestTestEngine({ function: processKlientiksDelivery }).execute({ events: [event], steps });

/** The memoised output of one step of a run, as Inngest would replay it on the next attempt. */
const stepOutput = (output: TRunOutput, stepId: string): Promise<unknown> => {
  const state = output.state[InngestExecutionEngine._internals.hashId(stepId)];
  if (!state) throw new Error(`step "${stepId}" has no state in this run`);
  return state;
};

/** R11: nothing a run stores may hold a credential or a token-bearing URL, and each step stays small. */
async function expectNoSecrets(output: TRunOutput) {
  for (const part of await runState(output)) {
    const text = JSON.stringify(part) ?? "";
    expect(text.length).toBeLessThan(64 * 1024);
    expect(text).not.toContain(world.credentials.accessToken);
    expect(text).not.toContain(world.token);
    expect(text).not.toMatch(/\/t\/[0-9a-zA-Z]{8,}/);
  }
}

/**
 * The client's personal data (the world's client: name, phone, e-mail) comes with every fetched
 * appointment; no step result may keep it.
 */
const expectNoPersonalData = (output: TRunOutput) =>
  expectRunStateWithout(output, [
    world.client.first_name,
    world.client.second_name ?? "",
    world.client.phone,
    String(world.client.email),
  ]);

const countRows = async () => ({
  deals: await db.deal.count({ where: { tenantId: world.tenantId } }),
  stageChanges: await db.dealStageChange.count({ where: { tenantId: world.tenantId } }),
  statusReports: await db.dealStatusReport.count({ where: { tenantId: world.tenantId } }),
  deliveries: await db.webhookDelivery.count({ where: { tenantId: world.tenantId } }),
});

describe("process-klientiks-delivery under @inngest/test", () => {
  it("creates the deal and marks the delivery processed", async () => {
    const { appointment, deliveryId, event } = await receivedDelivery();

    const output = await execute(event);

    expect(output.error).toBeUndefined();
    expect(output.result).toMatchObject({ deliveryId, outcome: "created", stageChanged: true });
    const deal = await db.deal.findUniqueOrThrow({
      where: {
        tenantId_externalId: { tenantId: world.tenantId, externalId: String(appointment.id) },
      },
    });
    expect(deal).toMatchObject({
      status: "scheduled",
      amountMinor: 250_000,
      responsibleName: "Петрова Мария",
    });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject(
      { status: "processed", dealId: deal.id },
    );
    await expectNoSecrets(output);
    await expectNoPersonalData(output);
  });

  it("fails the fetch step retriably on a one-time 500 and succeeds on the retry", async () => {
    const { appointment, deliveryId, event } = await receivedDelivery();
    await world.control.addFault({
      mode: "http_error",
      status: 500,
      times: 1,
      match: { action: "getAppointment", account_id: world.accountId },
    });

    const attempt = await new InngestTestEngine({ function: processKlientiksDelivery }).executeStep(
      "fetch-and-upsert",
      { events: [event] },
    );
    expect(attempt.step.op).toBe("StepError"); // retriable; "StepFailed" would end the run
    expect(attempt.error).toMatchObject({
      name: "Error",
      message: expect.stringMatching(/^klientiks_unavailable: /),
    });
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(0);
    await expectNoSecrets(attempt);
    // The sync panel sees the delivery being retried, and why (issue 8 A8).
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject(
      { status: "pending", errorCode: "klientiks_unavailable" },
    );
    expect(await findSyncHealth(db, { tenantId: world.tenantId })).toMatchObject({
      retrying: { count: 1, lastErrorCode: "klientiks_unavailable" },
      recentErrors: [{ deliveryId, attempt: 1, willRetry: true }],
    });

    // The retry: Inngest replays the memoised "load-delivery" and runs "fetch-and-upsert" again.
    const loaded = await stepOutput(attempt, "load-delivery");
    const retry = await execute(event, [{ id: "load-delivery", handler: () => loaded }]);
    expect(retry.error).toBeUndefined();
    expect(retry.result).toMatchObject({ deliveryId, outcome: "created" });
    expect(await countRows()).toEqual({
      deals: 1,
      stageChanges: 1,
      statusReports: 1,
      deliveries: 1,
    });
    expect(await db.deal.findFirstOrThrow({ where: { tenantId: world.tenantId } })).toMatchObject({
      externalId: String(appointment.id),
    });
    expect(await world.getAppointmentCalls()).toHaveLength(2);
    expect(await findSyncHealth(db, { tenantId: world.tenantId })).toMatchObject({
      retrying: null,
      recentErrors: [{ deliveryId, errorCode: "klientiks_unavailable" }],
    });
    await expectNoSecrets(retry);
  });

  it("is idempotent: the same event twice, and the upsert step run again, leave the rows as they were", async () => {
    const { appointment, event } = await receivedDelivery();
    const first = await execute(event);
    const before = {
      counts: await countRows(),
      deal: await db.deal.findFirstOrThrow({
        where: { tenantId: world.tenantId },
        omit: { updatedAt: true },
      }),
    };

    // A second run of the same event (e.g. a resend) sees the delivery done and stops.
    const second = await execute(event);
    expect(second.result).toMatchObject({ outcome: "already-processed" });

    // The upsert step re-run after it had written (a worker lost before Inngest recorded the step).
    const loaded = await stepOutput(first, "load-delivery");
    const rerun = await execute(event, [{ id: "load-delivery", handler: () => loaded }]);
    expect(rerun.result).toMatchObject({ outcome: "updated", stageChanged: false });

    expect(await countRows()).toEqual(before.counts);
    expect(
      await db.deal.findFirstOrThrow({
        where: { tenantId: world.tenantId },
        omit: { updatedAt: true },
      }),
    ).toEqual(before.deal);
    expect(before.deal.externalId).toBe(String(appointment.id));
    // The re-run step fetched the appointment again: it is never kept between steps.
    expect(await world.getAppointmentCalls()).toHaveLength(2);
    await expectNoPersonalData(rerun);
  });

  it("turns refused credentials into a NonRetriableError, and onFailure fails the delivery with its cause", async () => {
    const { deliveryId, event } = await receivedDelivery();
    await world.control.addFault({
      mode: "auth_error",
      times: 1,
      match: { action: "getAppointment", account_id: world.accountId },
    });

    const attempt = await new InngestTestEngine({ function: processKlientiksDelivery }).executeStep(
      "fetch-and-upsert",
      { events: [event] },
    );
    expect(attempt.step.op).toBe("StepFailed");
    expect(attempt.error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringMatching(/^invalid_credentials: /),
    });
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "needs_attention", lastError: "invalid_credentials" });
    await expectNoSecrets(attempt);

    // Inngest resumes the run with the step's recorded error, so `step.run` throws a StepError and the
    // run fails with it. (A step mocked to throw cannot express that in @inngest/test 1.0.0 with
    // inngest 4: the engine sees the mock's data promise and resolves the step with undefined.)
    const runError = new StepError("fetch-and-upsert", errors.serializeError(attempt.error));
    const failure = await runOnFailure(processKlientiksDelivery, event, runError);
    expect(failure.error).toBeUndefined();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject(
      { status: "failed", errorCode: "invalid_credentials" },
    );
    expect(await world.getAppointmentCalls()).toHaveLength(1);
  });

  it("keeps the transient cause when the retries run out", async () => {
    const { deliveryId, event } = await receivedDelivery();
    await world.control.addFault({
      mode: "http_error",
      status: 503,
      match: { action: "getAppointment", account_id: world.accountId },
    });

    const lastAttempt = await new InngestTestEngine({
      function: processKlientiksDelivery,
    }).executeStep("fetch-and-upsert", { events: [event] });
    expect(lastAttempt.step.op).toBe("StepError");
    const failure = await runOnFailure(
      processKlientiksDelivery,
      event,
      new StepError("fetch-and-upsert", errors.serializeError(lastAttempt.error)),
    );
    expect(failure.error).toBeUndefined();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject(
      {
        status: "failed",
        errorCode: "klientiks_unavailable",
        error: expect.not.stringContaining(world.credentials.accessToken),
      },
    );
    expect(
      await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } }),
    ).toMatchObject({ status: "active", lastError: "klientiks_unavailable" });
  });
});

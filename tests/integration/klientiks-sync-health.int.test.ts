// The sync panel's data (findSyncHealth) during and after a Klientiks fault window, with the
// in-process driver's retries against the emulator over HTTP (issue 8 A8; reliability R12).
import { describe, expect, it } from "vitest";

import {
  ATTEMPT_ERROR_RETENTION_MS,
  recordAttemptError,
} from "@/server/domain/inbox/attempt-errors";
import { findSyncHealth } from "@/server/domain/klientiks/sync-health";

import { setUpKlientiksWorldPerTest, type TKlientiksWorld } from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let world: TKlientiksWorld;
setUpKlientiksWorldPerTest(db, { onWorld: (created) => (world = created) });

const health = async () => {
  const found = await findSyncHealth(db, { tenantId: world.tenantId });
  if (!found) throw new Error("the world's workspace has no Klientiks connection");
  return found;
};

describe("sync health around a fault window", () => {
  it("says how many deliveries are retried since when and why, and keeps the errors after the retries succeed", async () => {
    const appointments = [];
    for (let day = 10; day < 13; day += 1)
      appointments.push(
        await world.createAppointment({
          start: `2025-03-${day} 12:00:00`,
          finish: `2025-03-${day} 13:00:00`,
        }),
      );
    await world.control.addFault({
      mode: "http_error",
      status: 503,
      times: appointments.length,
      match: { action: "getAppointment", account_id: world.accountId },
    });
    for (const appointment of appointments)
      await world.deliver({ appointment_id: String(appointment.id), status: appointment.status });

    const windowStarted = new Date();
    const attempts = await world.drainInbox();
    expect(attempts).toEqual(
      appointments.map(() =>
        expect.objectContaining({
          ok: false,
          failure: expect.objectContaining({ code: "klientiks_unavailable", isRetriable: true }),
        }),
      ),
    );

    const during = await health();
    expect(during.retrying).toEqual({
      count: 3,
      since: expect.any(Date),
      lastErrorCode: "klientiks_unavailable",
    });
    expect(during.retrying!.since!.getTime()).toBeGreaterThanOrEqual(windowStarted.getTime());
    expect(during).toMatchObject({
      lastError: "klientiks_unavailable",
      lastErrorAt: expect.any(Date),
      last24h: { processed: 0, failed: 0, pending: 3 },
    });
    expect(during.recentErrors).toHaveLength(3);
    expect(new Set(during.recentErrors.map((entry) => entry.appointmentId))).toEqual(
      new Set(appointments.map((appointment) => String(appointment.id))),
    );
    for (const entry of during.recentErrors)
      expect(entry).toMatchObject({
        errorCode: "klientiks_unavailable",
        attempt: 1,
        willRetry: true,
      });

    const pending = await db.webhookDelivery.findMany({ where: { tenantId: world.tenantId } });
    const retryAt = new Date(Math.max(...pending.map((row) => row.nextAttemptAt.getTime())) + 1);
    expect(await world.drainInbox({ now: retryAt })).toEqual(
      appointments.map(() => ({ ok: true })),
    );

    const after = await health();
    expect(after.retrying).toBeNull();
    expect(after).toMatchObject({
      lastError: "klientiks_unavailable",
      last24h: { processed: 3, failed: 0, pending: 0 },
    });
    expect(after.recentErrors).toEqual(during.recentErrors);
  });

  it("keeps 30 days of attempt errors per connection", async () => {
    const appointment = await world.createAppointment();
    const outcome = await world.deliver({
      appointment_id: String(appointment.id),
      status: appointment.status,
    });
    if (outcome.kind !== "accepted")
      throw new Error(`expected an accepted delivery, got ${outcome.kind}`);
    const entry = {
      tenantId: world.tenantId,
      connectionId: world.connectionId,
      deliveryId: outcome.deliveryId,
      errorCode: "klientiks_unavailable",
      error: "HTTP 503",
      willRetry: true,
    };
    const now = new Date();
    await recordAttemptError(db, {
      ...entry,
      attempt: 1,
      at: new Date(now.getTime() - ATTEMPT_ERROR_RETENTION_MS - 1_000),
    });
    await recordAttemptError(db, {
      ...entry,
      attempt: 2,
      at: new Date(now.getTime() - ATTEMPT_ERROR_RETENTION_MS + 60_000),
    });
    await recordAttemptError(db, { ...entry, attempt: 3, at: now });

    expect((await health()).recentErrors.map((kept) => kept.attempt)).toEqual([3, 2]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_ACCOUNT, NO_API_ACCOUNT } from "./demo-seed";
import { API_NOT_ENABLED } from "./rest/auth";
import {
  getJson,
  restUrl,
  startTestEmulator,
  startWebhookReceiver,
  type TestEmulator,
} from "./test-support";

const STATUSES = [
  "scheduled",
  "confirmed",
  "sms_confirmation_sent",
  "in_progress",
  "finished",
  "missed",
  "cancelled",
  "cancelled_by_sms",
];

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ seedDemo: true });
});
afterAll(() => emulator.close());

describe("demo seed", () => {
  it("covers every status, a sale, pack-paid lines and widget bookings", async () => {
    const appointments = await emulator.control.listAppointments(DEMO_ACCOUNT.account_id);

    expect(new Set(appointments.map((appointment) => appointment.status))).toEqual(
      new Set(STATUSES),
    );
    expect(appointments.some((appointment) => appointment.is_sale)).toBe(true);
    expect(
      appointments.some((appointment) =>
        appointment.appointed_services.some((line) => line.service_pack_id !== null),
      ),
    ).toBe(true);
    expect(
      appointments.find((appointment) => appointment.appointment_source === "online_widget"),
    ).toMatchObject({
      author_id: null,
      lead: "Instagram",
    });
    expect(
      appointments
        .filter((appointment) => appointment.appointment_source === "")
        .every((item) => item.author_id !== null),
    ).toBe(true);
  });

  it("serves the demo account through the API with the documented credentials", async () => {
    const { body } = await getJson(restUrl(emulator.url, DEMO_ACCOUNT, "list", "/m/Services/"));
    expect(body).toMatchObject({
      count: 8,
      items: expect.arrayContaining([
        expect.objectContaining({ name: "Стрижка женская", price: "2500" }),
      ]),
    });
  });

  it("denies every call on the account whose tariff has no API", async () => {
    const { status, body } = await getJson(
      restUrl(emulator.url, NO_API_ACCOUNT, "list", "/m/Users/"),
    );
    expect(status).toBe(401);
    expect(body).toEqual({ error: API_NOT_ENABLED });
  });

  it("creates another demo salon on request, with credentials of its own", async () => {
    const account = await emulator.control.createAccount({ demo: true });
    expect(account.account_id).not.toBe(DEMO_ACCOUNT.account_id);
    expect(account.access_token).not.toBe(DEMO_ACCOUNT.access_token);
    const [seeded, copy] = await Promise.all(
      [DEMO_ACCOUNT.account_id, account.account_id].map((id) =>
        emulator.control.listAppointments(id),
      ),
    );
    expect(copy?.map((appointment) => appointment.status)).toEqual(
      seeded?.map((appointment) => appointment.status),
    );
  });

  it("re-seeds on reset", async () => {
    await emulator.control.reset();
    expect((await emulator.control.health()).accounts).toBe(2);
  });
});

describe("autopilot", () => {
  it("keeps changing every demo account and fires webhooks through the normal path", async () => {
    const receiver = await startWebhookReceiver();
    const autopiloted = await startTestEmulator({ seedDemo: true, autopilot: { intervalMs: 10 } });
    try {
      const created = await autopiloted.control.createAccount({ demo: true });
      for (const event of ["appointment_created", "appointment_changed"] as const) {
        await autopiloted.control.addEventHandler(created.account_id, {
          event,
          url_template: `${receiver.url}/hook?e=${event}`,
        });
      }
      await receiver.waitFor(3);
    } finally {
      await autopiloted.close();
      await receiver.close();
    }
  });
});

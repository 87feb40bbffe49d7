import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  postForm,
  restUrl,
  seedSmallAccount,
  startTestEmulator,
  startWebhookReceiver,
  type TestEmulator,
  type WebhookReceiver,
} from "./test-support";

// The brief's templates (klientiks-contract §12.2), with our secret token in the path.
const CREATED =
  "?appointment_id={{#appointment}}{{id}}{{/appointment}}&status={{#new_data}}{{status}}{{/new_data}}";
const CHANGED =
  "?appointment_id={{#new_data}}{{id}}{{/new_data}}&status={{#new_data}}{{status}}{{/new_data}}";
const ENDPOINT = "/api/webhooks/klientiks/s3cr3t-endpoint-token";

let emulator: TestEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  receiver = await startWebhookReceiver();
});
afterEach(() => receiver.close());

const setUp = async (
  handlers: {
    event:
      "appointment_created" | "online_booking_created" | "appointment_changed" | "client_created";
    query: string;
  }[],
) => {
  const seeded = await seedSmallAccount(emulator.control);
  for (const { event, query } of handlers) {
    await emulator.control.addEventHandler(seeded.account.account_id, {
      event,
      url_template: `${receiver.url}${ENDPOINT}${query}`,
    });
  }
  const book = () =>
    emulator.control.createAppointment(seeded.account.account_id, {
      client_id: seeded.client.id,
      executor_id: seeded.executor.id,
      start: "2025-03-10 12:00",
      services: [{ service_id: seeded.service.id }],
    });
  return { ...seeded, book };
};

describe("webhook dispatcher", () => {
  it("sends «Запись клиента на прием» as a GET with the rendered query", async () => {
    const { book } = await setUp([{ event: "appointment_created", query: CREATED }]);
    const appointment = await book();

    const [request] = await receiver.waitFor(1);
    expect(request).toMatchObject({
      method: "GET",
      url: `${ENDPOINT}?appointment_id=${appointment.id}&status=scheduled`,
      userAgent: "Klientiks-Emulator",
      body: "",
    });
  });

  it("fires the change event on a status change, and an empty id for a creation template", async () => {
    const { account, book } = await setUp([
      { event: "appointment_changed", query: CHANGED },
      { event: "appointment_changed", query: CREATED },
    ]);
    const appointment = await book();
    await emulator.control.patchAppointment(account.account_id, appointment.id, {
      status: "на месте",
    });

    const urls = (await receiver.waitFor(2)).map((request) => request.url).sort();
    const encodedStatus = encodeURIComponent("на месте");
    expect(urls).toEqual(
      [
        `${ENDPOINT}?appointment_id=${appointment.id}&status=${encodedStatus}`,
        `${ENDPOINT}?appointment_id=&status=${encodedStatus}`,
      ].sort(),
    );
  });

  it("does not fire the change event for an executor change", async () => {
    const { account, book } = await setUp([{ event: "appointment_changed", query: CHANGED }]);
    const appointment = await book();
    const other = await emulator.control.addUser(account.account_id, { name: "Иванов Дмитрий" });
    await emulator.control.patchAppointment(account.account_id, appointment.id, {
      executor_id: other.id,
    });
    await emulator.control.patchAppointment(account.account_id, appointment.id, {
      duration_minutes: 90,
    });

    await receiver.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(1);
  });

  it("fires from REST writes: add Clients → «Добавление клиента», edit Appointments → change", async () => {
    const { account, book } = await setUp([
      {
        event: "client_created",
        query: "?client_id={{#client}}{{id}}{{/client}}&phone={{client.phone}}",
      },
      { event: "appointment_changed", query: CHANGED },
    ]);
    const appointment = await book();
    const created = await postForm(restUrl(emulator.url, account, "add", "/m/Clients/"), {
      first_name: "Ольга",
      phone: "79165554433",
    });
    await postForm(restUrl(emulator.url, account, "edit", "/m/Appointments/"), {
      id: String(appointment.id),
      status: "confirmed",
    });

    const urls = (await receiver.waitFor(2)).map((request) => request.url);
    const clientId = (created.body as { object: { id: number } }).object.id;
    expect(urls).toContain(`${ENDPOINT}?client_id=${clientId}&phone=79165554433`);
    expect(urls).toContain(`${ENDPOINT}?appointment_id=${appointment.id}&status=confirmed`);
  });

  it("logs deliveries with the endpoint token redacted", async () => {
    const { account, book } = await setUp([{ event: "appointment_created", query: CREATED }]);
    const appointment = await book();

    const [delivery] = await emulator.control.waitForDeliveries(account.account_id, { count: 1 });
    expect(delivery).toMatchObject({
      event: "appointment_created",
      method: "GET",
      outcome: "delivered",
      status: 200,
      attempt: 1,
      batch_id: null,
      url: `${receiver.url}/api/webhooks/klientiks/***?appointment_id=${appointment.id}&status=scheduled`,
    });
    expect(delivery?.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("records a failed delivery without retrying by default", async () => {
    const { account, executor, service, client } = await seedSmallAccount(emulator.control);
    await emulator.control.addEventHandler(account.account_id, {
      event: "appointment_created",
      url_template: "http://127.0.0.1:9/x",
    });
    await emulator.control.createAppointment(account.account_id, {
      client_id: client.id,
      executor_id: executor.id,
      start: "2025-03-10 12:00",
      services: [{ service_id: service.id }],
    });
    const deliveries = await emulator.control.waitForDeliveries(account.account_id, { count: 1 });
    expect(deliveries).toMatchObject([
      { outcome: "failed", status: null, error: expect.any(String), attempt: 1 },
    ]);
  });

  it("trigger sends duplicates by POST with the query repeated as a form body", async () => {
    const { account, book } = await setUp([{ event: "appointment_created", query: CREATED }]);
    const appointment = await book();
    await receiver.waitFor(1);

    const result = await emulator.control.triggerWebhook(account.account_id, {
      event: "appointment_created",
      appointment_id: appointment.id,
      times: 3,
      method: "POST",
    });
    const posts = (await receiver.waitFor(4)).slice(1);

    expect(result).toMatchObject({ scheduled: 3, batch_id: expect.any(String) });
    const query = `appointment_id=${appointment.id}&status=scheduled`;
    expect(posts).toEqual(
      Array.from({ length: 3 }, () =>
        expect.objectContaining({ method: "POST", url: `${ENDPOINT}?${query}`, body: query }),
      ),
    );
  });

  it("trigger delivers reorder_with specs first, so stale statuses arrive late", async () => {
    const { account, book } = await setUp([{ event: "appointment_changed", query: CHANGED }]);
    const appointment = await book();

    await emulator.control.triggerWebhook(account.account_id, {
      event: "appointment_changed",
      appointment_id: appointment.id,
      status: "confirmed",
      delay_ms: 20,
      reorder_with: [
        { event: "appointment_changed", appointment_id: appointment.id, status: "finished" },
      ],
    });

    const statuses = (await receiver.waitFor(2)).map((request) =>
      new URL(request.url, receiver.url).searchParams.get("status"),
    );
    expect(statuses).toEqual(["finished", "confirmed"]);
  });

  it("widget bookings fire «Онлайн-запись через виджет», plus the created event when switched on", async () => {
    const { account, executor, service } = await setUp([
      { event: "online_booking_created", query: `${CREATED}&kind=widget` },
      { event: "appointment_created", query: `${CREATED}&kind=created` },
    ]);
    const booking = {
      name: "Ольга",
      phone: "79165554433",
      service_id: service.id,
      executor_id: executor.id,
      start: "2025-03-11 12:00",
    };

    const first = await emulator.control.createWidgetBooking(account.account_id, booking);
    await receiver.waitFor(1);
    await emulator.control.patchAccount(account.account_id, { widget_also_fires_created: true });
    const second = await emulator.control.createWidgetBooking(account.account_id, {
      ...booking,
      start: "2025-03-12 12:00",
    });

    const urls = (await receiver.waitFor(3)).map((request) => request.url);
    expect(urls[0]).toBe(
      `${ENDPOINT}?appointment_id=${first.appointment.id}&status=scheduled&kind=widget`,
    );
    expect(urls.slice(1).sort()).toEqual(
      [
        `${ENDPOINT}?appointment_id=${second.appointment.id}&status=scheduled&kind=created`,
        `${ENDPOINT}?appointment_id=${second.appointment.id}&status=scheduled&kind=widget`,
      ].sort(),
    );
  });

  it("rejects a template that does not parse", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    await expect(
      emulator.control.addEventHandler(account.account_id, {
        event: "appointment_created",
        url_template: "http://x/?id={{#appointment}}{{id}}",
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

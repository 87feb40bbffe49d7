import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  seedSmallAccount,
  setUpTestEmulator,
  startWebhookReceiver,
  type WebhookReceiver,
} from "./test-support";

const getEmulator = setUpTestEmulator();
let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(() => receiver.close());

/** The account's «Перенос визита, изменение длительности, изменение статуса» goes to the receiver. */
const listenForChanges = (accountId: string) =>
  getEmulator().control.addEventHandler(accountId, {
    event: "appointment_changed",
    url_template: `${receiver.url}/hook?appointment_id={{#new_data}}{{id}}{{/new_data}}&status={{#new_data}}{{status}}{{/new_data}}`,
  });

const bookVisit = async (init: Parameters<typeof seedSmallAccount>[1] = {}) => {
  const seeded = await seedSmallAccount(getEmulator().control, init);
  const styling = await getEmulator().control.addService(seeded.account.account_id, {
    name: "Укладка",
    price: "1200",
  });
  const appointment = await getEmulator().control.createAppointment(seeded.account.account_id, {
    client_id: seeded.client.id,
    executor_id: seeded.executor.id,
    start: "2025-03-10 12:00",
    services: [{ service_id: seeded.service.id }, { service_id: styling.id }],
    fire_webhooks: false,
  });
  return { ...seeded, appointment };
};

const postStatus = (id: number, body: string) =>
  fetch(`${getEmulator().url}/app/appointments/${id}/status`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });

describe("appointment page /app/appointments/{id}", () => {
  it("shows the visit, found by id alone, with a form per status it can move to", async () => {
    await seedSmallAccount(getEmulator().control);
    const { account, client, appointment } = await bookVisit({ widget_slug: "salon-two" });
    const response = await fetch(`${getEmulator().url}/app/appointments/${appointment.id}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain(`<span data-testid="klientiks-appointment-id">${appointment.id}</span>`);
    expect(html).toContain(`salon-two (аккаунт ${account.account_id})`);
    expect(html).toContain(`<a href="/app/clients/${client.id}"`);
    expect(html).toContain(">Орлова Анна</a>");
    expect(html).toContain("79031234501");
    expect(html).toContain("<td>Стрижка женская</td><td>2500 ₽</td>");
    expect(html).toContain("<td>Укладка</td><td>1200 ₽</td>");
    expect(html).toContain('<th data-testid="klientiks-appointment-total">3700 ₽</th>');
    expect(html).toContain("2025-03-10 12:00");
    expect(html).toContain('<dd data-testid="klientiks-appointment-status">Записан</dd>');
    expect(html).not.toContain("Статус изменён");
    for (const [code, label] of [
      ["in_progress", "Клиент пришёл"],
      ["finished", "Визит завершён"],
      ["cancelled", "Отменить"],
      ["missed", "Не пришёл"],
    ]) {
      expect(html).toContain(
        `<form method="post" action="/app/appointments/${appointment.id}/status"><input type="hidden" name="status" value="${code}"><button type="submit">${label}</button></form>`,
      );
    }
    // No button for the status it already has.
    expect(html).not.toContain('value="scheduled"');
  });

  it("changes the status like the control API's patch: webhooks fire, then 303 back to the page", async () => {
    const { account, appointment } = await bookVisit();
    await listenForChanges(account.account_id);

    const response = await postStatus(appointment.id, "status=finished");
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toBe(`/app/appointments/${appointment.id}?changed=finished`);

    const [request] = await receiver.waitFor(1);
    expect(request?.url).toBe(`/hook?appointment_id=${appointment.id}&status=finished`);
    expect(
      (await getEmulator().control.getAppointment(account.account_id, appointment.id)).status,
    ).toBe("finished");

    const html = await (await fetch(`${getEmulator().url}${location}`)).text();
    expect(html).toContain(
      '<p class="notice" role="status" data-testid="klientiks-status-changed">Статус изменён: Визит завершён</p>',
    );
    expect(html).toContain('<dd data-testid="klientiks-appointment-status">Визит завершён</dd>');
    expect(html).toContain('value="scheduled"');
    expect(html).not.toContain('value="finished"');
  });

  it("answers 404 for an id no account has, on the page and on its form", async () => {
    await bookVisit();
    const page = await fetch(`${getEmulator().url}/app/appointments/999`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Запись не найдена");
    expect((await postStatus(999, "status=finished")).status).toBe(404);
  });

  it("refuses an unknown or missing status with 400 and changes nothing", async () => {
    const { account, appointment } = await bookVisit();
    await listenForChanges(account.account_id);

    const unknown = await postStatus(appointment.id, "status=%3Cb%3Edone%3C%2Fb%3E");
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain("Неизвестный статус «&lt;b&gt;done&lt;/b&gt;»");
    expect(unknownHtml).toContain("finished");
    const missing = await postStatus(appointment.id, "");
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Не указан статус");

    expect(
      (await getEmulator().control.getAppointment(account.account_id, appointment.id)).status,
    ).toBe("scheduled");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
  });

  it("answers 405 for a method the address does not take", async () => {
    const { appointment } = await bookVisit();
    const response = await fetch(`${getEmulator().url}/app/appointments/${appointment.id}`, {
      method: "POST",
    });
    expect(response.status).toBe(405);
  });

  it("escapes a client name with HTML in it", async () => {
    const { account, executor, service } = await seedSmallAccount(getEmulator().control);
    const client = await getEmulator().control.addClient(account.account_id, {
      first_name: '<script>alert("x")</script>',
      second_name: "Орлова & Ко",
      phone: "+7 (903) 123-45-02",
      fire_webhooks: false,
    });
    const appointment = await getEmulator().control.createAppointment(account.account_id, {
      client_id: client.id,
      executor_id: executor.id,
      start: "2025-03-10 12:00",
      services: [{ service_id: service.id }],
      fire_webhooks: false,
    });
    const html = await (
      await fetch(`${getEmulator().url}/app/appointments/${appointment.id}`)
    ).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("Орлова &amp; Ко &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("is linked from the client page's latest visits", async () => {
    const { client, appointment } = await bookVisit();
    const html = await (await fetch(`${getEmulator().url}/app/clients/${client.id}`)).text();
    expect(html).toContain(
      `<li><a href="/app/appointments/${appointment.id}">2025-03-10 12:00 — Стрижка женская</a> (Записан)</li>`,
    );
  });
});

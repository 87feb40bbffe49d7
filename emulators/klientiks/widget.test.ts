import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { seedSmallAccount, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

const submit = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

describe("widget page /app/united/{slug}", () => {
  it("shows a labelled form that posts back to the URL it was opened with", async () => {
    const { account } = await seedSmallAccount(emulator.control, { widget_slug: "salon" });
    const query = "?svyaz_sid=sid-123&utm_source=google&utm_campaign=spring";
    const response = await fetch(`${emulator.url}/app/united/salon${query}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    for (const label of ["Услуга", "Сотрудник", "Дата и время", "Имя", "Телефон", "E-mail"])
      expect(html).toContain(`>${label}</label>`);
    for (const name of ["service_id", "executor_id", "start", "name", "phone", "email"])
      expect(html).toContain(`name="${name}"`);
    expect(html).toContain(`action="/app/united/salon${query.replaceAll("&", "&amp;")}"`);
    expect(html).toContain(">Записаться</button>");
    expect(account.widget_slug).toBe("salon");
  });

  it("books an online_widget visit that keeps svyaz_sid, utm_* and lead", async () => {
    const { account, executor, service } = await seedSmallAccount(emulator.control, {
      widget_slug: "salon",
    });
    const response = await submit(
      `${emulator.url}/app/united/salon?svyaz_sid=sid-123&utm_source=google`,
      {
        service_id: String(service.id),
        executor_id: String(executor.id),
        start: "2025-03-11T14:30",
        name: "Ольга",
        phone: "8 916 555-44-33",
        email: "olga@example.ru",
        lead: "Instagram",
      },
    );
    const html = await response.text();
    const id = Number(/data-testid="booking-confirmed">(\d+)</.exec(html)?.[1]);

    expect(response.status).toBe(200);
    expect(html).toContain("Вы записаны");
    expect(html).toContain(
      `<a href="/app/appointments/${id}" data-testid="booking-journal-link">Открыть запись в журнале салона</a>`,
    );
    const appointment = await emulator.control.getAppointment(account.account_id, id);
    expect(appointment).toMatchObject({
      appointment_source: "online_widget",
      author_id: null,
      start_datetime: "2025-03-11 14:30:00",
      finish_datetime: "2025-03-11 15:30:00",
      svyaz_sid: "sid-123",
      utm_source: "google",
      lead: "Instagram",
      appointment_client_links: [
        { client: { first_name: "Ольга", phone: "79165554433", email: "olga@example.ru" } },
      ],
    });
    expect(JSON.parse(String(appointment.json_data))).toEqual({
      lead: "Instagram",
      svyaz_sid: "sid-123",
      utm_source: "google",
    });
  });

  it("re-renders the form with an error for a bad phone", async () => {
    const { executor, service } = await seedSmallAccount(emulator.control, {
      widget_slug: "salon",
    });
    const response = await submit(`${emulator.url}/app/united/salon`, {
      service_id: String(service.id),
      executor_id: String(executor.id),
      start: "2025-03-11T14:30",
      name: "Ольга",
      phone: "12",
    });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain("Неверный формат телефона.");
    expect(html).toContain('value="Ольга"');
  });

  it("answers 404 for an unknown slug", async () => {
    expect((await fetch(`${emulator.url}/app/united/nobody`)).status).toBe(404);
  });
});

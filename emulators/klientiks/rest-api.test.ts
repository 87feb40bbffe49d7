import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { API_NOT_ENABLED } from "./rest/auth";
import {
  getJson,
  postForm,
  restUrl,
  seedSmallAccount,
  startTestEmulator,
  type TestEmulator,
} from "./test-support";

const MICROSECONDS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

describe("REST API round trip", () => {
  it("serves an appointment created through the control API in the getAppointment envelope", async () => {
    const { account, executor, service, client } = await seedSmallAccount(emulator.control);
    const created = await emulator.control.createAppointment(account.account_id, {
      client_id: client.id,
      executor_id: executor.id,
      start: "2025-03-10 12:00",
      services: [{ service_id: service.id }],
      json_data: { lead: "Instagram" },
    });

    const { status, body } = await getJson(
      restUrl(emulator.url, account, "getAppointment", `/id/${created.id}/`),
    );

    expect(status).toBe(200);
    expect(body).toMatchObject({
      items: {
        id: created.id,
        client_id: client.id,
        executor_id: executor.id,
        author_id: executor.id,
        status: "scheduled",
        start_datetime: "2025-03-10 12:00:00",
        finish_datetime: "2025-03-10 13:00:00",
        appointment_source: "",
        json_data: '{"lead":"Instagram"}',
        lead: "Instagram",
        appointed_services: [{ service_id: service.id, price: 2500, service_pack_id: null }],
        appointment_client_links: [
          {
            client_id: client.id,
            client: { id: client.id, phone: "79031234501", lead_source: "Instagram" },
          },
        ],
      },
    });
    const items = (body as { items: { created: string; modified: string } }).items;
    expect(items.created).toMatch(MICROSECONDS);
    expect(items.modified).toMatch(MICROSECONDS);
  });

  it('answers "No data" for an unknown appointment', async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const { body } = await getJson(restUrl(emulator.url, account, "getAppointment", "/id/999/"));
    expect(body).toEqual({ items: "No data" });
  });

  it("accepts lower-case restapi, no trailing slash and a Bearer token instead of /t/", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const lower = await getJson(
      restUrl(emulator.url, account, "list", "/m/users").replace("/Restapi/", "/restapi/"),
    );
    const bearer = await getJson(
      `${emulator.url}/clientix/Restapi/list/a/${account.account_id}/u/${account.user_id}/m/Users/`,
      { headers: { authorization: `Bearer ${account.access_token}` } },
    );
    expect(lower.body).toMatchObject({ count: 1 });
    expect(bearer.body).toMatchObject({ count: 1 });
  });

  it("emits naive datetimes in the account's time zone", async () => {
    await emulator.control.setClock("2025-01-01T07:00:00Z");
    const { account } = await seedSmallAccount(emulator.control, {
      timezone: "Asia/Yekaterinburg",
    });
    const { body } = await getJson(restUrl(emulator.url, account, "list", "/m/Users/"));
    expect(body).toMatchObject({ items: [{ created: "2025-01-01 12:00:00.000000" }] });
  });
});

describe("REST API errors", () => {
  it("answers 401 Access denied for a wrong token", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const { status, body } = await getJson(
      restUrl(emulator.url, { ...account, access_token: "wrong" }, "list", "/m/Users/"),
    );
    expect(status).toBe(401);
    expect(body).toEqual({ error: "Access denied" });
  });

  it("tells a switched-off API or a tariff without API apart from wrong credentials", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    await emulator.control.patchAccount(account.account_id, { api_enabled: false });
    const disabled = await getJson(restUrl(emulator.url, account, "list", "/m/Users/"));
    await emulator.control.patchAccount(account.account_id, { api_enabled: true, tariff: "other" });
    const otherTariff = await getJson(restUrl(emulator.url, account, "list", "/m/Users/"));

    expect([disabled.status, otherTariff.status]).toEqual([401, 401]);
    expect(disabled.body).toEqual({ error: API_NOT_ENABLED });
    expect(otherTariff.body).toEqual({ error: API_NOT_ENABLED });
  });

  it("answers 404 Unknown method for an unknown model or action", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const unknownModel = await getJson(restUrl(emulator.url, account, "list", "/m/Tags/"));
    const unknownAction = await getJson(restUrl(emulator.url, account, "purge", "/m/Clients/"));
    expect(unknownModel).toMatchObject({ status: 404, body: { error: "Unknown method" } });
    expect(unknownAction).toMatchObject({ status: 404, body: { error: "Unknown method" } });
  });

  it("throttles with 429 and Retry-After once the account's bucket is empty", async () => {
    const { account } = await seedSmallAccount(emulator.control, {
      rate_limit: { per_second: 1, burst: 2 },
    });
    const url = restUrl(emulator.url, account, "list", "/m/Users/");
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push(await getJson(url));

    expect(statuses.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(statuses[2]?.body).toEqual({ error: "Too many requests" });
    expect(statuses[2]?.headers.get("retry-after")).toBe("1");
  });
});

describe("REST API lists", () => {
  it("pages clients with next offsets, path pairs and No data", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    for (const phone of ["79030000002", "79030000003"]) {
      await emulator.control.addClient(account.account_id, {
        first_name: "Клиент",
        phone,
        fire_webhooks: false,
      });
    }
    const first = await getJson(restUrl(emulator.url, account, "list", "/m/Clients/?limit=2"));
    const last = await getJson(
      restUrl(emulator.url, account, "list", "/m/clients/offset/2/limit/2/"),
    );
    const beyond = await getJson(restUrl(emulator.url, account, "list", "/m/Clients/?offset=10"));

    expect(first.body).toMatchObject({ offset: 2, count: 2, limit: 2 });
    expect(last.body).toMatchObject({ offset: 4, count: 1, limit: 2 });
    expect(beyond.body).toEqual({ offset: 60, items: "No data", count: 0, limit: 50 });
  });

  it("filters ACL rows by modified >= date (Unix seconds) and reports total_count", async () => {
    const { account, executor, service, client } = await seedSmallAccount(emulator.control);
    const book = (start: string) =>
      emulator.control.createAppointment(account.account_id, {
        client_id: client.id,
        executor_id: executor.id,
        start,
        services: [{ service_id: service.id }],
      });
    await emulator.control.setClock("2025-01-01T10:00:00Z");
    const old = await book("2025-01-05 10:00");
    await emulator.control.setClock("2025-01-02T10:00:00Z");
    const recent = await book("2025-01-06 10:00");
    await emulator.control.setClock("2025-01-03T10:00:00Z");
    await emulator.control.patchAppointment(account.account_id, old.id, { status: "confirmed" });

    const since = Date.parse("2025-01-02T00:00:00Z") / 1000;
    const { body } = await getJson(
      restUrl(
        emulator.url,
        account,
        "list",
        `/m/AppointmentClientLinks/ik/orders/rvwk/status,statuses/?date=${since}&offset=0`,
      ),
    );
    expect(body).toMatchObject({
      total_count: 2,
      count: 2,
      items: [
        { appointment_id: recent.id, status: "scheduled", is_sale: false },
        {
          appointment_id: old.id,
          status: "confirmed",
          statuses: [{ status: "scheduled" }, { status: "confirmed" }],
        },
      ],
    });
  });

  it("finds a client by phone as a single object", async () => {
    const { account, client } = await seedSmallAccount(emulator.control);
    const found = await getJson(
      restUrl(emulator.url, account, "list", "/m/getClientByPhone/phone/79031234501/"),
    );
    const missing = await getJson(
      restUrl(emulator.url, account, "list", "/m/getClientByPhone/phone/79990000000/"),
    );
    expect(found.body).toMatchObject({ items: { id: client.id, name: "Орлова Анна" } });
    expect(missing.body).toEqual({ items: "No data" });
  });
});

describe("REST API writes", () => {
  it("adds a client from a form body and refuses a duplicate phone", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const url = restUrl(emulator.url, account, "add", "/m/Clients/");
    const created = await postForm(url, {
      first_name: "Ольга",
      phone: "8 916 555-44-33",
      lead_source: "Сайт",
      email: "o@example.ru",
    });
    const duplicate = await postForm(url, { first_name: "Ольга", phone: "79165554433" });

    expect(created.body).toMatchObject({
      status: "ok",
      errors: {},
      object: {
        first_name: "Ольга",
        phone: "79165554433",
        lead_source: "Сайт",
        email: "o@example.ru",
      },
    });
    expect(duplicate.body).toEqual({
      status: "ok",
      messages: [],
      errors: { phone: ["Клиент с таким телефоном уже существует"] },
    });
  });

  it("treats a JSON body as an empty form", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const { body } = await getJson(restUrl(emulator.url, account, "add", "/m/Clients/"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ first_name: "Ольга", phone: "79165554433" }),
    });
    expect(body).toMatchObject({
      status: "ok",
      errors: { first_name: [expect.any(String)], phone: [expect.any(String)] },
    });
    expect(body).not.toHaveProperty("object");
  });

  it("adds an appointment with split date and time, and answers false on bad references", async () => {
    const { account, executor, service, client } = await seedSmallAccount(emulator.control);
    const url = restUrl(emulator.url, account, "add", "/m/Appointments/");
    const fields = {
      client_id: String(client.id),
      executor_id: String(executor.id),
      start_datetime: "2025-04-01",
      start_time: "11:00:00",
      finish_datetime: "2025-04-01",
      finish_time: "12:30:00",
    };
    const created = await postForm(url, { ...fields, appointed_services: `[${service.id}]` });
    const invalid = await postForm(url, { ...fields, appointed_services: "1,2" });

    expect(created.body).toMatchObject({
      status: true,
      errors: {},
      object: {
        start_datetime: "2025-04-01 11:00:00",
        finish_datetime: "2025-04-01 12:30:00",
        appointment_source: "api",
      },
    });
    expect(invalid.body).toMatchObject({
      status: false,
      errors: { appointed_services: [expect.any(String), expect.any(String)] },
    });
  });

  it("apiAdd matches the client by normalised phone", async () => {
    const { account, executor, service, client } = await seedSmallAccount(emulator.control);
    const { body } = await postForm(
      restUrl(emulator.url, account, "add", "/m/Appointments/s/apiAdd/"),
      {
        executor_id: String(executor.id),
        "service_id[]": [String(service.id)],
        start_datetime: "2025-04-02 15:00:00",
        first_name: "Анна",
        phone: "8 (903) 123-45-01",
      },
    );
    expect(body).toMatchObject({
      status: true,
      object: { client_id: client.id, start_datetime: "2025-04-02 15:00:00" },
    });
  });

  it("edits an appointment: a move keeps the duration and bumps modified", async () => {
    const { account, executor, service, client } = await seedSmallAccount(emulator.control);
    await emulator.control.setClock("2025-01-01 10:00:00");
    const created = await emulator.control.createAppointment(account.account_id, {
      client_id: client.id,
      executor_id: executor.id,
      start: "2025-04-01 11:00",
      services: [{ service_id: service.id }],
    });
    await emulator.control.setClock("2025-01-01 10:05:00");
    const { body } = await postForm(restUrl(emulator.url, account, "edit", "/m/Appointments/"), {
      id: String(created.id),
      start_datetime: "2025-04-02 14:00:00",
      status: "confirmed",
    });
    expect(body).toMatchObject({
      status: true,
      object: {
        start_datetime: "2025-04-02 14:00:00",
        finish_datetime: "2025-04-02 15:00:00",
        status: "confirmed",
        created: "2025-01-01 10:00:00.000000",
        modified: "2025-01-01 10:05:00.000000",
      },
    });
  });

  it("adds a waiting-list entry that no list returns", async () => {
    const { account, client } = await seedSmallAccount(emulator.control);
    const { body } = await postForm(
      restUrl(emulator.url, account, "add", "/m/Appointments/s/waitingListItemAdd"),
      {
        client_id: String(client.id),
        start_datetime: "2025-05-01",
        appointment_source: "Сайт",
      },
    );
    const list = await getJson(restUrl(emulator.url, account, "list", "/m/Appointments/"));
    expect(body).toMatchObject({
      status: true,
      object: { client_id: client.id, start_datetime: "2025-05-01" },
    });
    expect(list.body).toMatchObject({ items: "No data" });
  });
});

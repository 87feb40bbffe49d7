// Sections (§) are those of docs/klientiks-contract.md.
import { afterEach, describe, expect, it, vi } from "vitest";

import { jsonResponse } from "../__fixtures__/fake-fetch";
import { stubKlientiksFetch } from "./__fixtures__/fake-fetch";
import { loadKlientiksFixture } from "./__fixtures__/load-fixture";
import { createKlientiksClient, type TKlientiksClientOptions } from "./client";
import type { TKlientiksWarning } from "./types";

const TOKEN = "0123456789abcdef0123456789abcdef";
const credentials = { accountId: "a1b2c3d4e5f6", userId: "0f1e2d3c4b5a", accessToken: TOKEN };
const PREFIX = `https://klientiks.test/clientix/Restapi`;
const AUTH = `a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/${TOKEN}`;

const createClient = (options: Partial<TKlientiksClientOptions> = {}) =>
  createKlientiksClient({
    baseUrl: "https://klientiks.test",
    timezone: "Europe/Moscow",
    throttle: { perSecond: Infinity, burst: Infinity },
    ...options,
  });

const collect = async <TItem>(items: AsyncIterable<TItem>): Promise<TItem[]> => {
  const collected: TItem[] = [];
  for await (const item of items) collected.push(item);
  return collected;
};

const pathAndQuery = (url: string | undefined) =>
  (url ?? "").replace(`${PREFIX}/`, "").replace(TOKEN, "TOKEN");

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createKlientiksClient", () => {
  it.each<[string, Partial<TKlientiksClientOptions>]>([
    ["a relative base URL", { baseUrl: "klientiks.ru" }],
    ["a non-http scheme", { baseUrl: "ftp://klientiks.ru" }],
    ["a base URL with a query", { baseUrl: "https://klientiks.ru/?x=1" }],
    ["an unknown time zone", { timezone: "Moscow" }],
    ["a zero timeout", { timeoutMs: 0 }],
    ["an invalid throttle", { throttle: { perSecond: 1, burst: 0 } }],
  ])("rejects %s at creation", (_label, options) => {
    expect(() => createClient(options)).toThrow();
  });
});

describe("checkAccess", () => {
  it("lists one employee and resolves when access works", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse(loadKlientiksFixture("users-list.json")));
    await expect(createClient().checkAccess(credentials)).resolves.toBeUndefined();
    expect(pathAndQuery(calls[0]?.url)).toBe(
      "list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/TOKEN/m/Users/?limit=1",
    );
  });

  it.each([
    [401, "error-access-denied.json", "invalid_credentials"],
    [200, "error-access-denied.json", "invalid_credentials"],
    [401, "error-api-disabled.json", "api_disabled"],
    [200, "error-api-disabled.json", "api_disabled"],
  ])("reports HTTP %s with %s as %s", async (status, fixture, kind) => {
    stubKlientiksFetch(() => jsonResponse(loadKlientiksFixture(fixture), { status }));
    await expect(createClient().checkAccess(credentials)).rejects.toMatchObject({
      kind,
      isRetriable: false,
    });
  });
});

describe("getAppointment", () => {
  it("fetches one appointment by id and normalises it", async () => {
    const calls = stubKlientiksFetch(() =>
      jsonResponse(loadKlientiksFixture("appointment-emulator.json")),
    );
    const appointment = await createClient().getAppointment(credentials, 5001);
    expect(calls[0]?.url).toBe(`${PREFIX}/getAppointment/${AUTH}/id/5001/`);
    expect(appointment).toMatchObject({
      id: 5001,
      clientId: 1000001,
      startAt: new Date("2025-03-10T09:00:00Z"),
    });
  });

  it('throws a non-retriable not_found for "No data" (R9)', async () => {
    stubKlientiksFetch(() => jsonResponse(loadKlientiksFixture("list-no-data.json")));
    const error = await createClient()
      .getAppointment(credentials, 404)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "not_found", isRetriable: false });
    expect(String(error)).toContain("/t/***/id/404/");
    expect(String(error)).not.toContain(TOKEN);
  });

  it("rejects an answer about another appointment", async () => {
    stubKlientiksFetch(() => jsonResponse({ items: { id: 1 } }));
    await expect(createClient().getAppointment(credentials, 5001)).rejects.toMatchObject({
      kind: "bad_response",
    });
  });

  it("refuses an id that is not a positive integer without calling Klientiks", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse({}));
    await expect(createClient().getAppointment(credentials, Number.NaN)).rejects.toThrow(
      RangeError,
    );
    expect(calls).toHaveLength(0);
  });
});

describe("reference lists", () => {
  it("pages through employees by 500, following the response offset", async () => {
    const fullPage = Array.from({ length: 500 }, (_, index) => ({
      id: index + 1,
      name: `User ${index + 1}`,
    }));
    const calls = stubKlientiksFetch((call) =>
      new URL(call.url).searchParams.get("offset") === "0"
        ? jsonResponse({ offset: 500, limit: 500, count: 500, items: fullPage })
        : jsonResponse({
            offset: 1000,
            limit: 500,
            count: 1,
            items: [{ id: 501, name: "Last", archived: 1 }],
          }),
    );
    const users = await createClient().listUsers(credentials);
    expect(users).toHaveLength(501);
    expect(users.at(-1)).toEqual({ id: 501, name: "Last", archived: true });
    expect(calls.map((call) => new URL(call.url).search)).toEqual([
      "?offset=0&limit=500",
      "?offset=500&limit=500",
    ]);
  });

  it("lists services, skipping items without an id and reporting them", async () => {
    const warnings: TKlientiksWarning[] = [];
    const calls = stubKlientiksFetch(() =>
      jsonResponse(loadKlientiksFixture("services-list.json")),
    );
    const services = await createClient({
      onWarning: (warning) => warnings.push(warning),
    }).listServices(credentials);
    expect(pathAndQuery(calls[0]?.url)).toBe(
      "list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/TOKEN/m/Services/?offset=0&limit=500",
    );
    expect(services.map((service) => service.id)).toEqual([300001, 300002, 300003, 300004]);
    expect(warnings).toContainEqual({ code: "invalid_item", model: "service", id: null });
  });
});

describe("clients", () => {
  it("lists clients changed since the account-local day of `since`, lazily", async () => {
    const calls = stubKlientiksFetch(() =>
      jsonResponse(loadKlientiksFixture("client-list-k7.json")),
    );
    const clients = createClient().listClientsSince(credentials, new Date("2025-03-09T21:30:00Z"));
    expect(calls).toHaveLength(0);
    const collected = await collect(clients);
    expect(pathAndQuery(calls[0]?.url)).toBe(
      "list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/TOKEN/m/clients/date/2025-03-10/?offset=0&limit=500",
    );
    expect(collected.map((client) => client.id)).toEqual([1000001]);
  });

  it("finds a client by normalised phone, or null", async () => {
    const calls = stubKlientiksFetch((call) =>
      call.url.includes("/phone/79990000000/")
        ? jsonResponse({
            items: (loadKlientiksFixture("client-list-k7.json") as { items: unknown[] }).items[0],
          })
        : jsonResponse(loadKlientiksFixture("list-no-data.json")),
    );
    const client = createClient();
    expect(await client.getClientByPhone(credentials, "8 (999) 000-00-00")).toMatchObject({
      id: 1000001,
      phone: "79990000000",
    });
    expect(calls[0]?.url).toBe(`${PREFIX}/list/${AUTH}/m/getClientByPhone/phone/79990000000/`);
    expect(await client.getClientByPhone(credentials, "+7 912 000 00 00")).toBeNull();
    expect(await client.getClientByPhone(credentials, "anonymous")).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('creates a client with a form-encoded POST and returns it (status "ok")', async () => {
    const calls = stubKlientiksFetch(() =>
      jsonResponse(loadKlientiksFixture("create-client-ok.json")),
    );
    const client = await createClient().createClient(credentials, {
      firstName: "Олег",
      secondName: "Сидоров",
      phone: "8 916 123-45-67",
      email: "",
    });
    expect(client).toMatchObject({ id: 1000003, firstName: "Олег", secondName: "Сидоров" });
    expect(calls[0]).toMatchObject({ method: "POST", url: `${PREFIX}/add/${AUTH}/m/Clients/` });
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body ?? ""))).toEqual({
      first_name: "Олег",
      phone: "79161234567",
      second_name: "Сидоров",
    });
  });

  it("fails a create answered with status true and field errors (§16 item 3)", async () => {
    stubKlientiksFetch(() => jsonResponse(loadKlientiksFixture("write-true-with-errors.json")));
    await expect(
      createClient().createClient(credentials, { firstName: "Олег", phone: "" }),
    ).rejects.toMatchObject({
      kind: "validation",
      fieldErrors: { phone: ["Необходимо заполнить «Телефон»."] },
    });
  });
});

describe("appointments", () => {
  it("updates a status with edit m/Appointments (status true)", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse({ status: true, errors: [] }));
    await createClient().updateAppointmentStatus(credentials, 5001, "confirmed");
    expect(calls[0]).toMatchObject({
      method: "POST",
      url: `${PREFIX}/edit/${AUTH}/m/Appointments/`,
      body: "id=5001&status=confirmed",
    });
  });

  it("fails an update answered with status false", async () => {
    stubKlientiksFetch(() =>
      jsonResponse({ status: false, errors: { status: ["Недопустимый статус"] } }),
    );
    await expect(
      createClient().updateAppointmentStatus(credentials, 5001, "x"),
    ).rejects.toMatchObject({ kind: "validation" });
  });
});

describe("listAclChangedSince", () => {
  it("reads ACL rows changed since a Unix time, by pages of 50", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse(loadKlientiksFixture("acl-page.json")));
    const rows = await collect(createClient().listAclChangedSince(credentials, 1_740_000_000.9));
    expect(pathAndQuery(calls[0]?.url)).toBe(
      "list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/TOKEN/m/AppointmentClientLinks/ik/orders/rvwk/status,statuses/?date=1740000000&offset=0&limit=50",
    );
    expect(rows.map((row) => [row.id, row.appointmentId])).toEqual([
      [9001, 5001],
      [9002, 5004],
      [9003, null],
    ]);
  });

  it("refuses a negative or non-finite time", () => {
    expect(() => createClient().listAclChangedSince(credentials, -1)).toThrow(RangeError);
    expect(() => createClient().listAclChangedSince(credentials, Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
  });
});

// The Klientiks REST client against the Klientiks emulator over HTTP (klientiks-contract §4–§6,
// §9, §16; reliability R9, R10, R11). Every test gets a fresh emulator state and account.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  createKlientiksClient,
  KlientiksError,
  type TKlientiksApiClient,
  type TKlientiksClientOptions,
  type TKlientiksCredentials,
} from "@/server/integrations/klientiks";

import {
  createKlientiksControl,
  type KlientiksControl,
} from "../../emulators/klientiks/control-client";
import { startKlientiksEmulator, type KlientiksEmulator } from "../../emulators/klientiks/server";
import { KLIENTIKS_EMPTY_ITEMS } from "../support/klientiks-empty-items";

const CLOCK = "2025-03-01 10:00:00";
/** CLOCK as an instant: the emulator reads a naive clock value as Moscow time. */
const CLOCK_INSTANT = new Date("2025-03-01T07:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

let emulator: KlientiksEmulator;
let control: KlientiksControl;
let credentials: TKlientiksCredentials;
let accountId: string;
let executorId: number;
let serviceId: number;

/** The rate limit off, the concurrency cap on: fast tests that still never flood the emulator. */
const createClient = (options: Partial<TKlientiksClientOptions> = {}): TKlientiksApiClient =>
  createKlientiksClient({
    baseUrl: emulator.url,
    timezone: "Europe/Moscow",
    throttle: { perSecond: Infinity, burst: 2 },
    ...options,
  });

const failureOf = async (promise: Promise<unknown>): Promise<KlientiksError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof KlientiksError))
    throw new Error(`expected a KlientiksError, got ${String(error)}`);
  return error;
};

const collect = async <TItem>(items: AsyncIterable<TItem>): Promise<TItem[]> => {
  const collected: TItem[] = [];
  for await (const item of items) collected.push(item);
  return collected;
};

const createAppointment = async (overrides: Record<string, unknown> = {}) => {
  const client = await control.addClient(accountId, {
    first_name: "Анна",
    second_name: "Иванова",
    phone: "79990000001",
  });
  return control.createAppointment(accountId, {
    client_id: client.id,
    executor_id: executorId,
    start: "2025-03-10 12:00:00",
    finish: "2025-03-10 13:30:00",
    services: [{ service_id: serviceId }],
    ...overrides,
  });
};

beforeAll(async () => {
  emulator = await startKlientiksEmulator({ port: 0, seedDemo: false });
  control = createKlientiksControl(emulator.url);
});

afterAll(async () => {
  await emulator.close();
});

// Every test runs against both shapes of an empty answer (`"items": "No data"` and `"items": []`,
// klientiks-contract §4.1): public code expects either, and the client must read both as empty.
describe.each(KLIENTIKS_EMPTY_ITEMS)("with empty answers as %s", (emptyItems) => {
  beforeEach(async () => {
    await control.reset();
    await control.setClock(CLOCK);
    const account = await control.createAccount({
      timezone: "Europe/Moscow",
      empty_items: emptyItems,
    });
    accountId = account.account_id;
    credentials = {
      accountId: account.account_id,
      userId: account.user_id,
      accessToken: account.access_token,
    };
    executorId = (await control.addUser(accountId, { name: "Петрова Мария" })).id;
    serviceId = (await control.addService(accountId, { name: "Стрижка", price: "2500.00" })).id;
  });

  describe("reads", () => {
    it("round-trips an appointment with its client, a service-pack line and dynamic fields", async () => {
      const client = await control.addClient(accountId, {
        first_name: "Анна",
        second_name: "Иванова",
        phone: "79990000001",
        email: "anna@example.com",
        lead_source: "Instagram",
        allergy: "none",
      });
      const pack = await control.addServicePack(accountId, {
        name: "5 стрижек",
        client_id: client.id,
        service_ids: [serviceId],
        visits_total: 5,
        price: 10000,
      });
      const created = await control.createAppointment(accountId, {
        client_id: client.id,
        executor_id: executorId,
        start: "2025-03-10 12:00:00",
        finish: "2025-03-10 13:30:00",
        services: [
          { service_id: serviceId },
          { service_id: serviceId, price: 1500, service_pack_id: pack.id, discount: 100 },
        ],
        source: "online_widget",
        json_data: { lead: "Instagram", svyaz_sid: "s_4f9c2a" },
      });

      const appointment = await createClient().getAppointment(credentials, created.id);

      expect(appointment).toMatchObject({
        id: created.id,
        clientId: client.id,
        executorId,
        startAt: new Date("2025-03-10T09:00:00Z"),
        finishAt: new Date("2025-03-10T10:30:00Z"),
        createdAt: CLOCK_INSTANT,
        status: created.status,
        appointmentSource: "online_widget",
        dynamicFields: { lead: "Instagram", svyaz_sid: "s_4f9c2a" },
      });
      expect(appointment.services).toEqual([
        expect.objectContaining({
          price: 2500,
          servicePackId: null,
          isPaidBySubscription: false,
          executorIds: [executorId],
        }),
        // §11.2: the line's discount is ignored; §11.3: a pack-paid line keeps its would-be price.
        expect.objectContaining({
          price: 1500,
          servicePackId: pack.id,
          isPaidBySubscription: true,
          executorIds: [executorId],
        }),
      ]);
      expect(appointment.clientLinks).toEqual([
        {
          clientId: client.id,
          client: expect.objectContaining({
            id: client.id,
            phone: "79990000001",
            email: "anna@example.com",
            leadSource: "Instagram",
            dynamicFields: { allergy: "none" },
          }),
        },
      ]);
    });

    it("converts times with the account's zone", async () => {
      await control.patchAccount(accountId, { timezone: "Asia/Yekaterinburg" });
      const created = await createAppointment();
      const appointment = await createClient({ timezone: "Asia/Yekaterinburg" }).getAppointment(
        credentials,
        created.id,
      );
      expect(appointment.startAt).toEqual(new Date("2025-03-10T07:00:00Z"));
    });

    it("reports an unknown appointment as not_found", async () => {
      const error = await failureOf(createClient().getAppointment(credentials, 999_999));
      expect(error).toMatchObject({ kind: "not_found", isRetriable: false });
    });

    it("reads every empty answer as empty: lists, the ACL, a phone nobody has", async () => {
      const empty = await control.createAccount({ empty_items: emptyItems });
      const emptyCredentials = {
        accountId: empty.account_id,
        userId: empty.user_id,
        accessToken: empty.access_token,
      };
      const tomorrow = new Date(CLOCK_INSTANT.getTime() + DAY_MS);
      const client = createClient();

      expect(await client.listUsers(emptyCredentials)).toEqual([]);
      expect(await client.listServices(emptyCredentials)).toEqual([]);
      expect(await collect(client.listClientsSince(credentials, tomorrow))).toEqual([]);
      expect(
        await collect(client.listAclChangedSince(credentials, tomorrow.getTime() / 1000)),
      ).toEqual([]);
      expect(await client.getClientByPhone(credentials, "79160000000")).toBeNull();
      // The emulator did answer in the shape under test.
      const answer = await fetch(
        `${emulator.url}/clientix/Restapi/list/a/${empty.account_id}/u/${empty.user_id}/t/${empty.access_token}/m/Users/`,
      );
      expect(((await answer.json()) as { items: unknown }).items).toEqual(
        emptyItems === "string" ? "No data" : [],
      );
    });

    it("reads a client created over the API, whose unset fields are null, with those fields blank", async () => {
      const client = createClient();
      const created = await client.createClient(credentials, {
        firstName: "Эмин",
        phone: "71834440808",
      });
      const appointment = await control.createAppointment(accountId, {
        client_id: created.id,
        executor_id: executorId,
        start: "2025-03-10 12:00:00",
        services: [{ service_id: serviceId }],
      });
      const blank = {
        firstName: "Эмин",
        name: "Эмин",
        patronName: "",
        secondName: "",
        clientGroups: "",
        email: "",
        leadSource: "",
        dynamicFields: {},
      };
      // What the real service sends for such a client (klientiks-contract §9.1, K7).
      expect(created.raw).toMatchObject({
        patron_name: null,
        second_name: null,
        client_groups: null,
        failed_push: null,
        json_data: null,
      });
      expect(created).toMatchObject(blank);
      expect(await client.getClientByPhone(credentials, "71834440808")).toMatchObject(blank);
      expect(
        (await client.getAppointment(credentials, appointment.id)).clientLinks[0]?.client,
      ).toMatchObject(blank);
    });

    it("lists employees and services, and finds a client by phone", async () => {
      await control.addClient(accountId, { first_name: "Олег", phone: "79161234567" });
      const client = createClient();
      expect(await client.listUsers(credentials)).toEqual([
        { id: executorId, name: "Петрова Мария", archived: false },
      ]);
      expect(await client.listServices(credentials)).toEqual([
        expect.objectContaining({ id: serviceId, name: "Стрижка", price: 2500 }),
      ]);
      expect(await client.getClientByPhone(credentials, "8 (916) 123-45-67")).toMatchObject({
        firstName: "Олег",
        phone: "79161234567",
      });
      expect(await client.getClientByPhone(credentials, "79160000000")).toBeNull();
    });

    it("passes checkAccess with valid credentials", async () => {
      await expect(createClient().checkAccess(credentials)).resolves.toBeUndefined();
    });
  });

  describe("writes (§4.4)", () => {
    it('creates a client (status "ok") and rejects a duplicate phone with field errors', async () => {
      const client = createClient();
      const created = await client.createClient(credentials, {
        firstName: "Олег",
        secondName: "Сидоров",
        phone: "+7 916 765-43-21",
        leadSource: "Сайт",
      });
      expect(created).toMatchObject({
        firstName: "Олег",
        secondName: "Сидоров",
        phone: "79167654321",
        leadSource: "Сайт",
      });
      expect(await client.getClientByPhone(credentials, "79167654321")).toMatchObject({
        id: created.id,
      });

      const duplicate = await failureOf(
        client.createClient(credentials, { firstName: "Другой", phone: "79167654321" }),
      );
      expect(duplicate).toMatchObject({ kind: "validation", isRetriable: false });
      expect(duplicate.fieldErrors?.phone?.length).toBeGreaterThan(0);
    });

    it("updates an appointment status (status true) and fails one answered with true plus errors", async () => {
      const created = await createAppointment();
      const client = createClient();
      await client.updateAppointmentStatus(credentials, created.id, "confirmed");
      expect((await client.getAppointment(credentials, created.id)).status).toBe("confirmed");

      await control.addFault({
        match: { action: "edit" },
        mode: "status_true_with_errors",
        times: 1,
      });
      const error = await failureOf(
        client.updateAppointmentStatus(credentials, created.id, "finished"),
      );
      expect(error).toMatchObject({ kind: "validation", isRetriable: false });
      expect(Object.keys(error.fieldErrors ?? {})).not.toHaveLength(0);
      expect((await client.getAppointment(credentials, created.id)).status).toBe("confirmed");
    });
  });

  describe("faults (§4.5, §4.6, R9)", () => {
    it.each([
      [500, "html"],
      [502, "empty"],
      [503, { error: "Service unavailable" }],
    ] as const)("classifies http_error %s (%j body) as transient", async (status, body) => {
      const created = await createAppointment();
      await control.addFault({
        match: { action: "getAppointment" },
        mode: "http_error",
        status,
        body,
        times: 1,
      });
      const client = createClient();
      const error = await failureOf(client.getAppointment(credentials, created.id));
      expect(error).toMatchObject({ kind: "transient", httpStatus: status, isRetriable: true });
      // The fault fired once; the retry Inngest would make succeeds.
      await expect(client.getAppointment(credentials, created.id)).resolves.toMatchObject({
        id: created.id,
      });
    });

    it.each([
      [30, 30_000],
      [null, 2_000],
    ] as const)(
      "classifies rate_limit with retry_after %j as rate_limited after %i ms",
      async (retryAfter, retryAfterMs) => {
        await control.addFault({ mode: "rate_limit", retry_after: retryAfter, times: 1 });
        const error = await failureOf(createClient().checkAccess(credentials));
        expect(error).toMatchObject({
          kind: "rate_limited",
          httpStatus: 429,
          retryAfterMs,
          isRetriable: true,
        });
      },
    );

    it("aborts a hanging request at timeoutMs as transient, without the token in message or cause", async () => {
      await control.addFault({ mode: "hang", times: 1 });
      const startedAt = Date.now();
      const error = await failureOf(createClient({ timeoutMs: 300 }).checkAccess(credentials));
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      expect(error).toMatchObject({ kind: "transient", isRetriable: true });
      expect(error.message).toContain("no complete answer within 300 ms");
      expect(error.message).toContain("/t/***/");
      const stored = JSON.stringify([
        String(error),
        error.stack,
        String(error.cause),
        (error.cause as Error).stack,
      ]);
      expect(stored).not.toContain(credentials.accessToken);
    });

    it.each(["malformed_json", "drop_connection"] as const)(
      "classifies %s as transient",
      async (mode) => {
        await control.addFault({ mode, times: 1 });
        const error = await failureOf(createClient().listUsers(credentials));
        expect(error).toMatchObject({ kind: "transient", isRetriable: true });
        expect(String(error)).not.toContain(credentials.accessToken);
      },
    );

    it.each([
      // HTTP 401, classified by status; HTTP 200 with {"error":"Access denied"}, classified by text.
      ["http", 401],
      ["body", undefined],
    ] as const)("classifies auth_error as %s as invalid_credentials", async (as, httpStatus) => {
      await control.addFault({ mode: "auth_error", as, times: 1 });
      const error = await failureOf(createClient().checkAccess(credentials));
      expect(error).toMatchObject({ kind: "invalid_credentials", isRetriable: false });
      expect(error.httpStatus).toBe(httpStatus);
    });

    it("classifies a wrong token as invalid_credentials", async () => {
      const error = await failureOf(
        createClient().checkAccess({
          ...credentials,
          accessToken: "ffffffffffffffffffffffffffffffff",
        }),
      );
      expect(error).toMatchObject({
        kind: "invalid_credentials",
        httpStatus: 401,
        isRetriable: false,
      });
    });

    it.each([{ api_enabled: false }, { tariff: "other" as const }])(
      "classifies an account with %j as api_disabled",
      async (patch) => {
        await control.patchAccount(accountId, patch);
        const error = await failureOf(createClient().checkAccess(credentials));
        expect(error).toMatchObject({ kind: "api_disabled", isRetriable: false });
      },
    );

    it.each(["string", "empty_array"] as const)(
      "reads no_data as %s as empty or not found",
      async (as) => {
        const created = await createAppointment();
        await control.addFault({ mode: "no_data", as });
        const client = createClient();
        expect(await failureOf(client.getAppointment(credentials, created.id))).toMatchObject({
          kind: "not_found",
        });
        expect(await client.listUsers(credentials)).toEqual([]);
        expect(await client.getClientByPhone(credentials, "79990000001")).toBeNull();
      },
    );

    it("keeps an unknown status verbatim", async () => {
      const created = await createAppointment();
      await control.addFault({ mode: "unknown_status", value: "arrived" });
      expect((await createClient().getAppointment(credentials, created.id)).status).toBe("arrived");
    });
  });

  describe("pagination (§5)", () => {
    it("pages through more than one bulk page of clients, each client once", async () => {
      for (let index = 0; index < 520; index += 1) {
        await control.addClient(accountId, {
          first_name: `Клиент ${index}`,
          phone: `7900${String(index).padStart(7, "0")}`,
        });
      }
      const clients = await collect(createClient().listClientsSince(credentials, CLOCK_INSTANT));
      expect(clients).toHaveLength(520);
      expect(new Set(clients.map((client) => client.id)).size).toBe(520);
      const reads = (await control.requests({ accountId })).filter(
        (entry) => entry.method === "GET",
      );
      expect(reads).toHaveLength(2);
    });

    /** `count` visits of one client over 15 days, without webhooks; their ids in creation order. */
    const createVisitsOfOneClient = async (count: number) => {
      const client = await control.addClient(accountId, {
        first_name: "Анна",
        phone: "79990000001",
      });
      const appointmentIds: number[] = [];
      for (let index = 0; index < count; index += 1) {
        const appointment = await control.createAppointment(accountId, {
          client_id: client.id,
          executor_id: executorId,
          start: `2025-03-${String(10 + (index % 15)).padStart(2, "0")} 12:00:00`,
          services: [{ service_id: serviceId }],
          fire_webhooks: false,
        });
        appointmentIds.push(appointment.id);
      }
      return appointmentIds;
    };

    it("stops at an empty page after a full one", async () => {
      await createVisitsOfOneClient(50);
      const rows = await collect(
        createClient().listAclChangedSince(credentials, CLOCK_INSTANT.getTime() / 1000),
      );
      expect(rows).toHaveLength(50);
      const reads = (await control.requests({ accountId })).filter(
        (entry) => entry.method === "GET",
      );
      expect(reads).toHaveLength(2);
    });

    it("pages through ACL rows by 50", async () => {
      const appointmentIds = await createVisitsOfOneClient(120);
      const rows = await collect(
        createClient().listAclChangedSince(credentials, Math.floor(CLOCK_INSTANT.getTime() / 1000)),
      );
      const rowAppointmentIds = rows.map((row) => row.appointmentId ?? 0).sort((a, b) => a - b);
      expect(rowAppointmentIds).toEqual(appointmentIds);
      const reads = (await control.requests({ accountId })).filter(
        (entry) => entry.method === "GET",
      );
      expect(reads).toHaveLength(3);
    });
  });

  describe("throttling (§6, R10)", () => {
    it("never sends more than 2 concurrent requests or 2 per second for one account, across client instances", async () => {
      const created = await createAppointment();
      await control.addFault({ mode: "latency", ms: 300 });
      const first = createKlientiksClient({ baseUrl: emulator.url, timezone: "Europe/Moscow" });
      const second = createKlientiksClient({ baseUrl: emulator.url, timezone: "Europe/Moscow" });
      const startedAt = Date.now();
      await Promise.all(
        [first, second, first, second, first].map((client) =>
          client.getAppointment(credentials, created.id),
        ),
      );
      // Burst 2 at once, then 1 per second: the fifth starts about 3 s in.
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2_900);
      const stats = (await control.stats()).accounts[accountId];
      expect(stats?.requests).toBe(5);
      expect(stats?.max_concurrency).toBeLessThanOrEqual(2);
      expect(stats?.max_requests_per_second).toBeLessThanOrEqual(2);
    });
  });
});

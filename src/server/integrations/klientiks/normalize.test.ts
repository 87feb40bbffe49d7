// Sections (§) are those of docs/klientiks-contract.md.
import { describe, expect, it } from "vitest";

import { loadKlientiksFixture } from "./__fixtures__/load-fixture";
import { createKlientiksNormalizer } from "./normalize";
import type { TKlientiksWarning } from "./types";

const setup = (timeZone = "Europe/Moscow") => {
  const warnings: TKlientiksWarning[] = [];
  const normalizer = createKlientiksNormalizer({
    timeZone,
    onWarning: (warning) => warnings.push(warning),
  });
  return { normalizer, warnings };
};

/** The `items` of a fixture envelope. */
const itemsOf = (name: string): unknown => (loadKlientiksFixture(name) as { items: unknown }).items;
const firstItemOf = (name: string): Record<string, unknown> =>
  (itemsOf(name) as Array<Record<string, unknown>>)[0] ?? {};

describe("toClient", () => {
  it("reads the captured client of §9.1", () => {
    const { normalizer, warnings } = setup();
    const raw = firstItemOf("client-list-k7.json");
    const client = normalizer.toClient(raw);
    expect(client).toEqual({
      id: 1000001,
      name: "Anna",
      firstName: "Anna",
      patronName: "",
      secondName: "",
      phone: "79990000000",
      email: "",
      leadSource: "",
      clientGroups: "Постоянные клиенты",
      deleted: false,
      createdAt: new Date("2021-09-28T16:26:04.295Z"),
      modifiedAt: new Date("2021-09-29T17:27:51.644Z"),
      // Every json_data key of the sample is a built-in field, not an additional one (§13.5).
      dynamicFields: {},
      raw,
    });
    expect(client?.raw).toBe(raw);
    expect(warnings).toEqual([]);
  });

  it("reads the captured client created over the API, whose unset fields are null, with them blank", () => {
    const { normalizer, warnings } = setup();
    const raw = itemsOf("client-by-phone-k7.json") as Record<string, unknown>;
    expect(normalizer.toClient(raw)).toEqual({
      id: 1000002,
      name: "Emin",
      firstName: "Emin",
      patronName: "",
      secondName: "",
      phone: "79990000002",
      email: "",
      leadSource: "",
      clientGroups: "",
      deleted: false,
      createdAt: new Date("2021-09-29T18:56:21.658Z"),
      modifiedAt: new Date("2021-09-29T19:36:05.869Z"),
      dynamicFields: {},
      raw,
    });
    expect(warnings).toEqual([]);
  });

  it("takes email and source from json_data when they are not flattened, and normalises the phone", () => {
    const { normalizer } = setup();
    const client = normalizer.toClient({
      id: "42",
      phone: "+7 (916) 123-45-67",
      json_data: JSON.stringify({
        email: "a@example.com",
        lead_source: "Авито",
        loyalty_card: "A-17",
      }),
      deleted: "1",
    });
    expect(client).toMatchObject({
      id: 42,
      phone: "79161234567",
      email: "a@example.com",
      leadSource: "Авито",
      deleted: true,
    });
    expect(client?.dynamicFields).toEqual({ loyalty_card: "A-17" });
  });

  // §16 item 9
  it.each([
    [
      "a JSON string",
      JSON.stringify({ vip: true, visits: 3, note: null }),
      { vip: true, visits: 3, note: null },
    ],
    ["an object", { vip: true, visits: 3 }, { vip: true, visits: 3 }],
    ["null", null, {}],
    ["PHP's empty map []", "[]", {}],
    [
      "JSON with nested values",
      JSON.stringify({ address: { city: "Казань" } }),
      { address: '{"city":"Казань"}' },
    ],
  ])("reads json_data given as %s", (_label, jsonData, expected) => {
    const { normalizer, warnings } = setup();
    expect(normalizer.toClient({ id: 1, json_data: jsonData })?.dynamicFields).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it("falls back to flattened keys when json_data is invalid, and reports it", () => {
    const { normalizer, warnings } = setup();
    const client = normalizer.toClient({
      id: 1,
      json_data: "{not json",
      vip: "yes",
      phone: "79990000000",
      tags: ["x"],
    });
    expect(client?.dynamicFields).toEqual({ vip: "yes" });
    expect(warnings).toEqual([
      { code: "invalid_json_data", model: "client", id: 1, field: "json_data" },
    ]);
  });

  it("prefers json_data over a flattened copy and never repeats standard fields", () => {
    const { normalizer } = setup();
    const client = normalizer.toClient({
      id: 1,
      json_data: '{"vip":"json","email":"e@x.ru"}',
      vip: "flat",
      extra: 5,
      email: "e@x.ru",
    });
    expect(client?.dynamicFields).toEqual({ vip: "json", extra: 5 });
  });

  it("keeps a __proto__ key as data without touching the prototype", () => {
    const { normalizer } = setup();
    const client = normalizer.toClient({ id: 1, json_data: '{"__proto__":{"polluted":true}}' });
    expect(Object.getPrototypeOf(client?.dynamicFields)).toBe(Object.prototype);
    expect(Object.keys(client?.dynamicFields ?? {})).toEqual(["__proto__"]);
  });

  it.each([[{ name: "no id" }], [{ id: 0 }], [{ id: "abc" }], ["No data"], [null]])(
    "rejects %j and reports it",
    (input) => {
      const { normalizer, warnings } = setup();
      expect(normalizer.toClient(input)).toBeNull();
      expect(warnings).toEqual([{ code: "invalid_item", model: "client", id: null }]);
    },
  );
});

describe("toAppointment", () => {
  it("reads the emulator's appointment with links, a service-pack line and dynamic fields (§9.2, §11.3, §13)", () => {
    const { normalizer, warnings } = setup();
    const raw = itemsOf("appointment-emulator.json") as Record<string, unknown>;
    const appointment = normalizer.toAppointment(raw);
    expect(appointment).toMatchObject({
      id: 5001,
      clientId: 1000001,
      executorId: 200001,
      // §14: no author on a widget booking, so the executor stands in.
      authorId: 200001,
      startAt: new Date("2025-03-10T09:00:00.000Z"),
      finishAt: new Date("2025-03-10T10:30:00.000Z"),
      status: "scheduled",
      createdAt: new Date("2025-03-01T06:15:30.123Z"),
      modifiedAt: new Date("2025-03-02T07:00:00.500Z"),
      isSale: false,
      paid: false,
      appointmentSource: "online_widget",
      dynamicFields: { lead: "Instagram", svyaz_sid: "s_4f9c2a", utm_source: "instagram" },
    });
    expect(appointment?.raw).toBe(raw);
    expect(appointment?.services).toEqual([
      {
        id: 7001,
        serviceId: 300001,
        name: "Стрижка",
        price: 2500,
        servicePackId: null,
        isPaidBySubscription: false,
        executorIds: [200001],
      },
      // The discount key on the line is ignored (§11.2); the price stays the would-be price (§11.3).
      {
        id: 7002,
        serviceId: 300002,
        name: "Укладка",
        price: 1500,
        servicePackId: 77,
        isPaidBySubscription: true,
        executorIds: [200002],
      },
    ]);
    expect(appointment?.clientLinks).toHaveLength(1);
    expect(appointment?.clientLinks[0]?.clientId).toBe(1000001);
    expect(appointment?.clientLinks[0]?.client).toMatchObject({
      id: 1000001,
      secondName: "Иванова",
      email: "anna@example.com",
      leadSource: "Instagram",
      dynamicFields: { allergy: "none" },
    });
    expect(warnings).toEqual([]);
  });

  it("tolerates the older public shape: string ids, 0/1 booleans, priced strings, unknown status, object-encoded lines (§16)", () => {
    const { normalizer, warnings } = setup();
    const appointment = normalizer.toAppointment(firstItemOf("appointment-tolerant.json"));
    expect(appointment).toMatchObject({
      id: 5003,
      clientId: 1000002,
      // §14: the executor comes from the first line's executions.
      executorId: 200003,
      authorId: 200003,
      // A T separator without offset is local; an explicit +03:00 is honoured.
      startAt: new Date("2025-07-01T06:00:00.000Z"),
      finishAt: new Date("2025-07-01T07:00:00.000Z"),
      status: "arrived",
      createdAt: new Date("2025-06-30T17:00:00.000Z"),
      modifiedAt: null,
      isSale: true,
      paid: true,
      appointmentSource: "",
      clientLinks: [],
      dynamicFields: { room: "Кабинет 2" },
    });
    expect(appointment?.services).toEqual([
      {
        id: 7101,
        serviceId: 300003,
        name: "Массаж",
        price: 1990.5,
        servicePackId: null,
        isPaidBySubscription: true,
        executorIds: [200003],
      },
      {
        id: 7102,
        serviceId: 300004,
        name: "Крем",
        price: 0,
        servicePackId: null,
        isPaidBySubscription: false,
        executorIds: [],
      },
    ]);
    expect(warnings).toHaveLength(3);
    expect(warnings).toEqual(
      expect.arrayContaining([
        { code: "invalid_price", model: "appointed_service", id: 7102, field: "price" },
        { code: "invalid_datetime", model: "appointment", id: 5003, field: "modified" },
        { code: "invalid_json_data", model: "appointment", id: 5003, field: "json_data" },
      ]),
    );
  });

  it.each([
    [{ service_pack_id: 0 }, null, false],
    [{ service_pack_id: "12" }, 12, true],
    [{ abonement_id: 9 }, 9, true],
    [{ service_pack: { id: 4 } }, 4, true],
    [{ service_pack: true }, null, true],
    [{ abonement: "1" }, null, true],
    [{ abonement: false, service_pack: "0" }, null, false],
  ])("reads the service-pack marker %j (§11.3)", (marker, servicePackId, isPaidBySubscription) => {
    const { normalizer } = setup();
    const appointment = normalizer.toAppointment({
      id: 1,
      appointed_services: [{ id: 2, price: 100, ...marker }],
    });
    expect(appointment?.services[0]).toMatchObject({
      servicePackId,
      isPaidBySubscription,
      price: 100,
    });
  });

  it("takes the client from the links when client_id is missing, and skips links without any client", () => {
    const { normalizer } = setup();
    const appointment = normalizer.toAppointment({
      id: 1,
      appointment_client_links: [{ id: 3 }, { client: { id: 77, name: "Embedded" } }],
    });
    expect(appointment?.clientId).toBe(77);
    expect(appointment?.clientLinks).toEqual([
      { clientId: 77, client: expect.objectContaining({ id: 77, name: "Embedded" }) },
    ]);
  });

  it("converts times with the account's own zone", () => {
    const { normalizer } = setup("Asia/Yekaterinburg");
    expect(
      normalizer.toAppointment({ id: 1, start_datetime: "2025-03-10 12:00:00" })?.startAt,
    ).toEqual(new Date("2025-03-10T07:00:00Z"));
  });
});

describe("toUser and toService", () => {
  it("reads employees with loose booleans", () => {
    const { normalizer } = setup();
    const users = (itemsOf("users-list.json") as unknown[]).map(normalizer.toUser);
    expect(users).toEqual([
      { id: 200001, name: "Петрова Мария Ивановна", archived: false },
      { id: 200002, name: "Смирнова Ольга", archived: true },
    ]);
  });

  it("reads prices as numbers or numeric strings, counting anything else as 0 with a warning (§7, §16 item 10)", () => {
    const { normalizer, warnings } = setup();
    const services = (itemsOf("services-list.json") as unknown[]).map(normalizer.toService);
    expect(services).toEqual([
      { id: 300001, name: "Стрижка", price: 2500, type: "service", archived: false },
      { id: 300002, name: "Укладка", price: 1200.5, type: "service", archived: false },
      { id: 300003, name: "Шампунь", price: 990, type: "good", archived: true },
      { id: 300004, name: "Подарочная карта", price: 0, type: "good", archived: true },
      null,
    ]);
    expect(warnings).toEqual([
      { code: "invalid_price", model: "service", id: 300004, field: "price" },
      { code: "invalid_item", model: "service", id: null },
    ]);
  });
});

describe("toAclRow", () => {
  it("reads the appointment reference from the row, else from its first order (§9.3)", () => {
    const { normalizer } = setup();
    const rows = (itemsOf("acl-page.json") as unknown[]).map(normalizer.toAclRow);
    expect(rows).toEqual([
      {
        id: 9001,
        appointmentId: 5001,
        clientId: 1000001,
        status: "scheduled",
        isSale: false,
        modifiedAt: new Date("2025-03-02T07:00:00.500Z"),
      },
      {
        id: 9002,
        appointmentId: 5004,
        clientId: 1000002,
        status: "finished",
        isSale: true,
        modifiedAt: new Date("2025-03-03T15:30:00.000Z"),
      },
      {
        id: 9003,
        appointmentId: null,
        clientId: 1000001,
        status: "cancelled_by_sms",
        isSale: false,
        modifiedAt: new Date("2025-03-04T05:00:00.000Z"),
      },
    ]);
  });
});

import { describe, expect, it } from "vitest";

import { mapAppointmentToDeal } from "@/server/domain/deals/map-appointment-to-deal";
import {
  parseKlientiksSettings,
  type TKlientiksSettings,
} from "@/server/domain/klientiks/settings";
import type {
  TKlientiksAppointedService,
  TKlientiksAppointment,
  TKlientiksClient,
} from "@/server/integrations/klientiks";

const client: TKlientiksClient = {
  id: 501,
  name: "Иванова Анна",
  firstName: "Анна",
  patronName: "",
  secondName: "Иванова",
  phone: "89991234567",
  email: "Anna@Example.ru",
  leadSource: "Instagram",
  clientGroups: "",
  deleted: false,
  createdAt: null,
  modifiedAt: null,
  dynamicFields: { card: "A-7" },
  raw: {},
};

const line = (overrides: Partial<TKlientiksAppointedService>): TKlientiksAppointedService => ({
  id: 1,
  serviceId: 11,
  name: "Стрижка",
  price: 2500,
  servicePackId: null,
  isPaidBySubscription: false,
  executorIds: [31],
  ...overrides,
});

const appointment = (overrides: Partial<TKlientiksAppointment> = {}): TKlientiksAppointment => ({
  id: 9001,
  clientId: 501,
  executorId: 31,
  authorId: 32,
  status: "scheduled",
  startAt: new Date("2026-11-20T07:00:00Z"),
  finishAt: new Date("2026-11-20T08:00:00Z"),
  createdAt: new Date("2026-11-19T10:00:00Z"),
  modifiedAt: new Date("2026-11-19T10:00:00Z"),
  isSale: false,
  paid: false,
  appointmentSource: "",
  services: [line({}), line({ id: 2, serviceId: 12, name: "Укладка", price: 1200.5 })],
  clientLinks: [{ clientId: 501, client }],
  dynamicFields: { comment: "VIP" },
  raw: {},
  ...overrides,
});

const references = {
  employees: new Map([
    [31, "Петрова Ольга"],
    [32, "Сидоров Иван"],
  ]),
  services: new Map([[13, "Маникюр"]]),
};
const settings = (deals: Partial<TKlientiksSettings["deals"]> = {}) =>
  parseKlientiksSettings({ deals });
const map = (
  overrides: Partial<TKlientiksAppointment> = {},
  dealSettings: Partial<TKlientiksSettings["deals"]> = {},
) =>
  mapAppointmentToDeal({
    appointment: appointment(overrides),
    settings: settings(dealSettings),
    references,
    currency: "RUB",
  });

describe("mapAppointmentToDeal", () => {
  it("sums the service lines into kopecks and names the deal after its services", () => {
    const deal = map();
    expect(deal).toMatchObject({
      externalId: "9001",
      name: "Стрижка, Укладка",
      amountMinor: 370_050,
      currency: "RUB",
      paidBySubscription: "none",
    });
  });

  it("counts subscription-paid lines at their price when the setting is off, and as 0 when it is on", () => {
    const paidByPack = [
      line({ isPaidBySubscription: true, servicePackId: 7 }),
      line({ id: 2, name: "Укладка", price: 1000 }),
    ];
    expect(map({ services: paidByPack }, { excludeSubscriptionVisits: false })).toMatchObject({
      amountMinor: 350_000,
      paidBySubscription: "partial",
    });
    expect(map({ services: paidByPack }, { excludeSubscriptionVisits: true })).toMatchObject({
      amountMinor: 100_000,
      paidBySubscription: "partial",
    });
    expect(
      map(
        { services: [line({ isPaidBySubscription: true })] },
        { excludeSubscriptionVisits: true },
      ),
    ).toMatchObject({ amountMinor: 0, paidBySubscription: "full" });
  });

  it("takes the performer as responsible by default and the record author when chosen", () => {
    expect(map()).toMatchObject({
      responsibleId: "31",
      responsibleName: "Петрова Ольга",
      responsibleKind: "executor",
    });
    expect(map({}, { responsible: "author" })).toMatchObject({
      responsibleId: "32",
      responsibleName: "Сидоров Иван",
      responsibleKind: "author",
    });
    expect(map({ authorId: null }, { responsible: "author" })).toMatchObject({
      responsibleId: "31",
    });
  });

  it("normalizes contacts and keeps custom fields of the visit and the client", () => {
    const deal = map();
    expect(deal.contacts).toEqual([
      {
        klientiksClientId: 501,
        name: "Иванова Анна",
        phone: "+79991234567",
        email: "anna@example.ru",
        leadSource: "Instagram",
      },
    ]);
    expect(deal.customFields).toEqual({ appointment: { comment: "VIP" }, client: { card: "A-7" } });
    expect(deal.searchText).toBe(
      "стрижка, укладка иванова анна +79991234567 anna@example.ru 79991234567 89991234567",
    );
  });

  it.each([
    ["scheduled", "in_work"],
    ["confirmed", "in_work"],
    ["sms_confirmation_sent", "in_work"],
    ["in_progress", "in_work"],
    ["finished", "won"],
    ["missed", "lost"],
    ["cancelled", "lost"],
    ["cancelled_by_sms", "lost"],
    ["arrived", "in_work"],
  ])("maps status %s to a %s stage", (status, group) => {
    expect(map({ status })).toMatchObject({ status, stage: status, stageGroup: group });
  });

  it("falls back to a readable name and to cached service names", () => {
    expect(map({ services: [] }).name).toBe("Визит №9001");
    expect(map({ services: [], isSale: true }).name).toBe("Продажа №9001");
    expect(map({ services: [line({ name: "", serviceId: 13 })] }).name).toBe("Маникюр");
  });

  it("flags online bookings and sales", () => {
    expect(map({ appointmentSource: "online_widget", isSale: true })).toMatchObject({
      isOnlineBooking: true,
      isSale: true,
    });
  });
});

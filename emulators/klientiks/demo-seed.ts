// Demo data for local development and e2e: a small beauty salon on a fixed, documented set of
// credentials, plus an account whose tariff has no API (every REST call answers access denied).
// Visits are placed relative to the emulator clock: the last 30 days and the next week, every status
// of klientiks-contract §10, a sale of goods (§11.1) and visits paid by service packs (§11.3).

import { createAccount } from "./accounts";
import { createAppointment, defaultFinish, type AppointedServiceInput } from "./appointments";
import { createClient, type ClientFields } from "./clients";
import { addDays, addMinutes, formatLocalDateTime, localDateTimeToEpoch } from "./datetime";
import type { Emulator } from "./emulator";
import { addService, addServicePack, addUser, type ServiceFields } from "./reference-data";
import type { Account, AppointmentSource, DynamicFields } from "./types";

/** The demo salon: API on, tariff PRO+, Europe/Moscow, widget at `/app/united/demo-salon`. */
export const DEMO_ACCOUNT = {
  account_id: "5a7c1e9b3d20",
  user_id: "b41f0c6e8a72",
  access_token: "3f9d2c7a1b8e4f60a5c9d0e7b2f41a86",
  widget_slug: "demo-salon",
} as const;

/** Tariff "other": valid credentials, but every API call answers 401 "API is not enabled". */
export const NO_API_ACCOUNT = {
  account_id: "9e4b7d2a6c15",
  user_id: "c07a3f5e9d18",
  access_token: "7b2e9a4c1d6f4083b5a8e2c9f1d7064b",
  widget_slug: "no-api-salon",
  tariff: "other",
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first one is the owner, the author of staff-created visits by default. */
const EMPLOYEES = [
  { name: "Смирнова Ольга Викторовна", phone: "79161110001", email: "olga.smirnova@demo-salon.ru" },
  {
    name: "Кузнецова Марина Сергеевна",
    phone: "79161110002",
    email: "marina.kuznetsova@demo-salon.ru",
  },
  { name: "Иванов Дмитрий Алексеевич", phone: "79161110003", email: "dmitry.ivanov@demo-salon.ru" },
  { name: "Петрова Анна Игоревна", phone: "79161110004", email: "anna.petrova@demo-salon.ru" },
  { name: "Соколова Елена Павловна", phone: "79161110005", email: "elena.sokolova@demo-salon.ru" },
] as const;

const SERVICES: ServiceFields[] = [
  {
    name: "Стрижка женская",
    price: "2500",
    durationMinutes: 60,
    serviceGroups: "Парикмахерские услуги",
  },
  {
    name: "Стрижка мужская",
    price: "1500",
    durationMinutes: 45,
    serviceGroups: "Парикмахерские услуги",
  },
  {
    name: "Окрашивание волос",
    price: "5500",
    durationMinutes: 120,
    serviceGroups: "Парикмахерские услуги",
  },
  { name: "Укладка", price: "1800", durationMinutes: 45, serviceGroups: "Парикмахерские услуги" },
  {
    name: "Маникюр с покрытием",
    price: "2200",
    durationMinutes: 90,
    serviceGroups: "Ногтевой сервис",
  },
  { name: "Педикюр", price: "2800", durationMinutes: 90, serviceGroups: "Ногтевой сервис" },
  { name: "Чистка лица", price: "3500", durationMinutes: 60, serviceGroups: "Косметология" },
  {
    name: "Шампунь восстанавливающий",
    price: "1200",
    type: "product",
    durationMinutes: 15,
    barcode: "4 607001 234567",
    serviceGroups: "Товары,Уход за волосами",
  },
];

const CLIENTS: Omit<ClientFields, "authorId">[] = [
  {
    firstName: "Екатерина",
    secondName: "Орлова",
    patronName: "Андреевна",
    phone: "79031234501",
    birthDate: "14.03.1991",
    clientGroups: "Постоянные клиенты",
    dynamicFields: {
      lead_source: "Instagram",
      email: "e.orlova@example.ru",
      hair_type: "окрашенные",
    },
  },
  {
    firstName: "Артём",
    secondName: "Белов",
    patronName: "Игоревич",
    phone: "79031234502",
    dynamicFields: { lead_source: "Рекомендация" },
  },
  {
    firstName: "Наталья",
    secondName: "Фёдорова",
    phone: "79031234503",
    dynamicFields: { lead_source: "Яндекс.Карты", email: "n.fedorova@example.ru" },
  },
  {
    firstName: "Софья",
    secondName: "Никитина",
    patronName: "Олеговна",
    phone: "79031234504",
    birthDate: "02.11.1998",
  },
  {
    firstName: "Максим",
    secondName: "Захаров",
    phone: "79031234505",
    dynamicFields: { lead_source: "2ГИС" },
  },
  {
    firstName: "Ирина",
    secondName: "Морозова",
    patronName: "Валентиновна",
    phone: "79031234506",
    clientGroups: "Постоянные клиенты",
    dynamicFields: { email: "irina.morozova@example.ru", preferred_master: "Петрова Анна" },
  },
  {
    firstName: "Дарья",
    secondName: "Волкова",
    phone: "79031234507",
    dynamicFields: { lead_source: "Сайт" },
  },
  { firstName: "Павел", secondName: "Лебедев", patronName: "Сергеевич", phone: "79031234508" },
  {
    firstName: "Алина",
    secondName: "Ковалёва",
    phone: "79031234509",
    dynamicFields: { lead_source: "Instagram", client_memo: "Аллергия на аммиачные красители" },
  },
  {
    firstName: "Полина",
    secondName: "Григорьева",
    phone: "79031234510",
    dynamicFields: { lead_source: "ВКонтакте" },
  },
];

/**
 * The demo salon has clients in both shapes of klientiks-contract §9.1: those with dynamic fields were
 * entered in the CRM's card form, which saves blank fields as `""` and `failed_push` as `false` (the
 * captured list sample); the others came in over the API with a few fields, so what they lack stays
 * `null` (the captured getClientByPhone).
 */
const enteredInCrm = (fields: Omit<ClientFields, "authorId">): Omit<ClientFields, "authorId"> =>
  fields.dynamicFields
    ? { secondName: "", patronName: "", clientGroups: "", failedPush: false, ...fields }
    : fields;

type DemoVisit = {
  /** Naive local start. */
  start: string;
  client: number;
  executor: number;
  services: number[];
  status: string;
  paid?: boolean;
  /** Index into the packs sold in seedDemoSalon; pays every line. */
  pack?: number;
  discount?: number;
  /** The executor booked it themselves rather than the administrator. */
  bookedByExecutor?: boolean;
  source?: AppointmentSource;
  fields?: DynamicFields;
};

const demoVisits = (
  at: (dayOffset: number, time: string) => string,
  inProgressStart: string,
): DemoVisit[] => [
  {
    start: at(-28, "10:00"),
    client: 0,
    executor: 1,
    services: [2],
    status: "finished",
    paid: true,
  },
  {
    start: at(-25, "12:00"),
    client: 1,
    executor: 2,
    services: [1],
    status: "finished",
    paid: true,
    pack: 0,
  },
  {
    start: at(-21, "15:00"),
    client: 2,
    executor: 3,
    services: [4],
    status: "finished",
    paid: true,
    bookedByExecutor: true,
  },
  { start: at(-18, "11:00"), client: 3, executor: 4, services: [6], status: "missed" },
  { start: at(-14, "16:00"), client: 4, executor: 2, services: [1], status: "cancelled" },
  {
    start: at(-10, "13:00"),
    client: 5,
    executor: 3,
    services: [4],
    status: "finished",
    paid: true,
    pack: 1,
  },
  { start: at(-7, "17:00"), client: 6, executor: 1, services: [0, 3], status: "cancelled_by_sms" },
  {
    start: at(-5, "14:00"),
    client: 7,
    executor: 2,
    services: [1],
    status: "finished",
    paid: true,
    discount: 150,
  },
  { start: at(-3, "12:30"), client: 0, executor: 0, services: [7], status: "finished", paid: true },
  {
    start: at(-2, "18:00"),
    client: 8,
    executor: 4,
    services: [6],
    status: "finished",
    paid: true,
    bookedByExecutor: true,
  },
  { start: inProgressStart, client: 5, executor: 1, services: [3], status: "in_progress" },
  { start: at(1, "11:00"), client: 1, executor: 2, services: [1], status: "scheduled", pack: 0 },
  {
    start: at(1, "15:00"),
    client: 9,
    executor: 1,
    services: [0],
    status: "scheduled",
    source: "online_widget",
    fields: {
      lead: "Instagram",
      svyaz_sid: "demo-session-0001",
      utm_source: "instagram",
      utm_medium: "social",
    },
  },
  { start: at(2, "10:00"), client: 2, executor: 3, services: [5], status: "confirmed" },
  { start: at(3, "13:00"), client: 3, executor: 4, services: [6], status: "sms_confirmation_sent" },
  {
    start: at(5, "16:00"),
    client: 0,
    executor: 1,
    services: [0],
    status: "scheduled",
    bookedByExecutor: true,
  },
  {
    start: at(6, "12:00"),
    client: 4,
    executor: 2,
    services: [1],
    status: "confirmed",
    source: "api",
  },
];

const entryAt = <Item extends { id: number }>(items: Item[], index: number): Item => {
  const item = items[index];
  if (!item) throw new Error(`Demo seed refers to missing entry ${index}`);
  return item;
};

/** Fills an account with the demo salon's staff, services, packs, clients and visits. */
export const seedDemoSalon = (emulator: Emulator, account: Account): void => {
  account.isDemo = true;
  const { timezone } = account.settings;
  const now = emulator.clock.now();
  const localNow = formatLocalDateTime(now, timezone);
  const today = localNow.slice(0, 10);
  const at = (dayOffset: number, time: string): string => `${addDays(today, dayOffset)} ${time}:00`;
  // Started 15–30 minutes ago, so its 45-minute service is still under way.
  const minute = Number(localNow.slice(14, 16));
  const quarterHour = `${localNow.slice(0, 14)}${String(minute - (minute % 15)).padStart(2, "0")}:00`;
  const inProgressStart = addMinutes(quarterHour, -15);
  const epochOf = (naive: string): number => localDateTimeToEpoch(naive, timezone);

  const users = EMPLOYEES.map((employee) =>
    addUser(emulator, account, employee, now - 400 * DAY_MS),
  );
  const services = SERVICES.map((service) =>
    addService(emulator, account, service, now - 400 * DAY_MS),
  );
  const clients = CLIENTS.map((fields, index) =>
    createClient(
      emulator,
      account,
      { ...enteredInCrm(fields), authorId: entryAt(users, 0).id },
      { fireWebhooks: false, at: now - (120 - index * 9) * DAY_MS },
    ),
  );
  const packs = [
    { name: "Абонемент: 5 мужских стрижек", client: 1, service: 1, visits: 5, price: "6500" },
    { name: "Абонемент: 10 маникюров", client: 5, service: 4, visits: 10, price: "19000" },
  ].map((pack) =>
    addServicePack(
      emulator,
      account,
      {
        name: pack.name,
        clientId: entryAt(clients, pack.client).id,
        serviceIds: [entryAt(services, pack.service).id],
        visitsTotal: pack.visits,
        price: pack.price,
      },
      now - 40 * DAY_MS,
    ),
  );

  for (const visit of demoVisits(at, inProgressStart)) {
    const executor = entryAt(users, visit.executor);
    const lines: AppointedServiceInput[] = visit.services.map((index) => ({
      serviceId: entryAt(services, index).id,
      servicePackId: visit.pack === undefined ? null : entryAt(packs, visit.pack).id,
      discount: visit.discount ?? null,
    }));
    const finish = defaultFinish(
      account,
      visit.start,
      lines.map((line) => line.serviceId),
    );
    const created = Math.min(epochOf(visit.start) - 3 * DAY_MS, now - 2 * 60 * 60 * 1000);
    const modified =
      visit.status === "scheduled" ? created : Math.max(created, Math.min(epochOf(finish), now));
    createAppointment(
      emulator,
      account,
      {
        clientId: entryAt(clients, visit.client).id,
        executorId: executor.id,
        authorId: visit.bookedByExecutor ? executor.id : undefined,
        start: visit.start,
        finish,
        status: visit.status,
        source: visit.source ?? "staff",
        services: lines,
        dynamicFields: visit.fields,
        paid: visit.paid,
      },
      { fireWebhooks: false, at: { created, modified } },
    );
  }
};

export const seedDemoAccounts = (emulator: Emulator): void => {
  seedDemoSalon(
    emulator,
    createAccount(emulator.state, {
      accountId: DEMO_ACCOUNT.account_id,
      userId: DEMO_ACCOUNT.user_id,
      accessToken: DEMO_ACCOUNT.access_token,
      widgetSlug: DEMO_ACCOUNT.widget_slug,
    }),
  );
  createAccount(emulator.state, {
    accountId: NO_API_ACCOUNT.account_id,
    userId: NO_API_ACCOUNT.user_id,
    accessToken: NO_API_ACCOUNT.access_token,
    widgetSlug: NO_API_ACCOUNT.widget_slug,
    tariff: NO_API_ACCOUNT.tariff,
  });
};

// Wire shapes of klientiks-contract §9: the emulator's model → the JSON the real service sends.
// Datetimes are naive account-local strings; `created`/`modified` carry microseconds (§7).

import { formatLocalTimestamp } from "./datetime";
import type {
  Account,
  Appointment,
  AppointmentSource,
  Client,
  DynamicFields,
  JsonValue,
  RevenueTransaction,
  Service,
  ServicePack,
  User,
} from "./types";

const timestamp = (account: Account, epochMs: number): string =>
  formatLocalTimestamp(epochMs, account.settings.timezone);

/** Dynamic fields travel twice: as a JSON string in `json_data` and flattened on the object (§9.1). */
const withDynamicFields = <Core extends Record<string, JsonValue>>(
  core: Core,
  dynamicFields: DynamicFields | null,
): Core & Record<string, JsonValue> => {
  // A dynamic field never shadows a standard key.
  const flattened = Object.entries(dynamicFields ?? {}).filter(
    ([key]) => !Object.hasOwn(core, key),
  );
  return {
    ...core,
    json_data: dynamicFields ? JSON.stringify(dynamicFields) : null,
    ...Object.fromEntries(flattened),
  };
};

export const clientFullName = (client: Client): string =>
  [client.secondName, client.firstName, client.patronName].filter((part) => part).join(" ");

const lastAppointmentId = (account: Account, clientId: number): number | null => {
  let latest: number | null = null;
  for (const appointment of account.appointments.values()) {
    if (appointment.clientId === clientId && (latest === null || appointment.id > latest))
      latest = appointment.id;
  }
  return latest;
};

/** Key order follows the captured sample of klientiks-contract §9.1. */
export const serializeClient = (account: Account, client: Client) =>
  withDynamicFields(
    {
      id: client.id,
      name: clientFullName(client),
      phone: client.phone,
      created: timestamp(account, client.created),
      modified: timestamp(account, client.modified),
      json_data: null,
      account_id: account.number,
      country_code: "RU",
      client_groups: client.clientGroups,
      delay_stat: null,
      unparsed_name: !client.secondName && !client.patronName,
      first_name: client.firstName,
      patron_name: client.patronName,
      second_name: client.secondName,
      loyalty_program_status: null,
      demo_entity: false,
      deleted: client.deleted,
      author_id: client.authorId,
      forbid_roistat_export: false,
      exclude_from_analytics: false,
      responsible_manager_id: null,
      last_appointment_id: lastAppointmentId(account, client.id),
      helix_id: null,
      birth_date: client.birthDate,
      promo_code: null,
      promo_code_activated: null,
      password: null,
      blocked: client.blocked,
      ios_last_active: null,
      android_last_active: null,
      failed_push: client.failedPush,
      phone_operator: null,
      number: client.number,
      external_id: null,
    },
    client.dynamicFields,
  );

export type ClientJson = ReturnType<typeof serializeClient>;

/** `appointment_source` values decided in klientiks-contract §9.2. */
const SOURCE_FIELD: Record<AppointmentSource, string> = {
  staff: "",
  api: "api",
  online_widget: "online_widget",
};

export type AppointmentView = {
  /** The `unknown_status` fault: report this status instead of the stored one (§17.3). */
  statusOverride?: string | null;
};

const userName = (account: Account, userId: number): string =>
  account.users.get(userId)?.name ?? "";

const serializeAppointedServices = (account: Account, appointment: Appointment) =>
  appointment.services.map((line) => ({
    id: line.id,
    service_id: line.serviceId,
    name: line.name,
    type: line.type,
    price: line.price,
    service_pack_id: line.servicePackId,
    ...(line.discount === null ? {} : { discount: line.discount }),
    appointed_services_executions: [
      { id: line.executorId, name: userName(account, line.executorId) },
    ],
  }));

const serializeClientLinks = (account: Account, appointment: Appointment, status: string) => {
  const client = account.clients.get(appointment.clientId);
  return [
    {
      id: appointment.linkId,
      appointment_id: appointment.id,
      client_id: appointment.clientId,
      status,
      is_sale: appointment.isSale,
      ...(client ? { client: serializeClient(account, client) } : {}),
    },
  ];
};

export const serializeAppointment = (
  account: Account,
  appointment: Appointment,
  view: AppointmentView = {},
) => {
  const status = view.statusOverride ?? appointment.status;
  return withDynamicFields(
    {
      id: appointment.id,
      client_id: appointment.clientId,
      executor_id: appointment.executorId,
      account_id: account.number,
      author_id: appointment.authorId,
      start_datetime: appointment.start,
      finish_datetime: appointment.finish,
      status,
      created: timestamp(account, appointment.created),
      modified: timestamp(account, appointment.modified),
      paid: appointment.paid,
      urgent: appointment.urgent,
      is_sale: appointment.isSale,
      appointment_source: SOURCE_FIELD[appointment.source],
      json_data: null,
      appointed_services: serializeAppointedServices(account, appointment),
      appointment_client_links: serializeClientLinks(account, appointment, status),
    },
    appointment.dynamicFields,
  );
};

export type AppointmentJson = ReturnType<typeof serializeAppointment>;

/** ACL row, klientiks-contract §9.3. */
export const serializeAclRow = (
  account: Account,
  appointment: Appointment,
  view: AppointmentView = {},
) => ({
  id: appointment.linkId,
  appointment_id: appointment.id,
  client_id: appointment.clientId,
  status: view.statusOverride ?? appointment.status,
  is_sale: appointment.isSale,
  created: timestamp(account, appointment.created),
  modified: timestamp(account, appointment.modified),
  orders: appointment.services.map((line) => ({
    id: line.id,
    appointment_id: appointment.id,
    price: line.price,
    paid: appointment.paid,
  })),
  statuses: appointment.statusHistory.map((change) => ({
    status: change.status,
    created: timestamp(account, change.at),
  })),
});

export const serializeUser = (account: Account, user: User) => ({
  id: user.id,
  name: user.name,
  phone: user.phone,
  email: user.email,
  created: timestamp(account, user.created),
  modified: timestamp(account, user.modified),
  archived: user.archived,
});

export type UserJson = ReturnType<typeof serializeUser>;

export const serializeService = (account: Account, service: Service) => ({
  id: service.id,
  type: service.type,
  name: service.name,
  price: service.price,
  created: timestamp(account, service.created),
  modified: timestamp(account, service.modified),
  archived: service.archived,
  barcode: service.barcode,
  service_groups: service.serviceGroups,
});

export type ServiceJson = ReturnType<typeof serializeService>;

/** Our decision for `m/ServicePacks` (klientiks-contract §17.1). */
export const serializeServicePack = (account: Account, pack: ServicePack) => ({
  id: pack.id,
  name: pack.name,
  client_id: pack.clientId,
  service_ids: pack.serviceIds,
  visits_total: pack.visitsTotal,
  visits_left: pack.visitsLeft,
  price: pack.price,
  created: timestamp(account, pack.created),
  modified: timestamp(account, pack.modified),
});

export type ServicePackJson = ReturnType<typeof serializeServicePack>;

/** Our decision for `m/getRevenueTransactions` (klientiks-contract §17.1). */
export const serializeRevenueTransaction = (account: Account, transaction: RevenueTransaction) => ({
  id: transaction.id,
  appointment_id: transaction.appointmentId,
  client_id: transaction.clientId,
  amount: transaction.amount,
  created: timestamp(account, transaction.created),
  type: transaction.type,
});

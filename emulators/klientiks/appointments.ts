// Visits and sales (klientiks-contract §9.2, §11): creation fires «Запись клиента на прием» or
// «Онлайн-запись через виджет»; a change of status, times or duration fires the change event (§12.3).

import { accountOwnerId } from "./accounts";
import { addMinutes, minutesBetween } from "./datetime";
import type { Emulator } from "./emulator";
import { chargedAmount, recordRevenue } from "./revenue";
import { serializeAppointment } from "./serialize";
import type {
  Account,
  AppointedService,
  Appointment,
  AppointmentSource,
  DynamicFields,
  FieldErrors,
  Service,
  WebhookEvent,
} from "./types";
import { appointmentEventContext } from "./webhook-context";

const DEFAULT_STATUS = "scheduled";
const MIN_DURATION_MINUTES = 15;

export type AppointedServiceInput = {
  serviceId: number;
  /** Defaults to the service's list price. */
  price?: number;
  servicePackId?: number | null;
  discount?: number | null;
};

export type NewAppointment = {
  clientId: number;
  executorId: number;
  /** Omitted: the account owner for staff and API visits, null for widget bookings (klientiks-contract §9.2). */
  authorId?: number | null;
  start: string;
  /** Defaults to start + the services' durations. */
  finish?: string;
  status?: string;
  source: AppointmentSource;
  services: AppointedServiceInput[];
  dynamicFields?: DynamicFields | null;
  /** Defaults to true when every line is a product: a sale of goods (klientiks-contract §11.1). */
  isSale?: boolean;
  paid?: boolean;
  urgent?: boolean;
};

export type AppointmentChanges = {
  start?: string;
  finish?: string;
  durationMinutes?: number;
  status?: string;
  executorId?: number;
  clientId?: number;
  paid?: boolean;
  dynamicFields?: DynamicFields;
};

type References = { clientId?: number; executorId?: number; services?: AppointedServiceInput[] };

const addError = (errors: FieldErrors, field: string, message: string): void => {
  (errors[field] ??= []).push(message);
};

/** Field errors for ids that do not exist in the account, keyed like the REST form fields. */
export const findReferenceErrors = (account: Account, references: References): FieldErrors => {
  const errors: FieldErrors = {};
  const { clientId, executorId, services = [] } = references;
  if (clientId !== undefined && !account.clients.has(clientId))
    addError(errors, "client_id", `Клиент ${clientId} не найден.`);
  if (executorId !== undefined && !account.users.has(executorId)) {
    addError(errors, "executor_id", `Сотрудник ${executorId} не найден.`);
  }
  for (const line of services) {
    if (!account.services.has(line.serviceId))
      addError(errors, "appointed_services", `Услуга ${line.serviceId} не найдена.`);
    if (line.servicePackId != null && !account.servicePacks.has(line.servicePackId)) {
      addError(errors, "service_pack_id", `Абонемент ${line.servicePackId} не найден.`);
    }
  }
  return errors;
};

export const findTimeErrors = (start: string, finish: string): FieldErrors =>
  finish > start ? {} : { finish_datetime: ["Время окончания должно быть позже времени начала."] };

const requireService = (account: Account, serviceId: number): Service => {
  const service = account.services.get(serviceId);
  if (!service)
    throw new Error(`Service ${serviceId} does not exist; check findReferenceErrors first`);
  return service;
};

export const defaultFinish = (account: Account, start: string, serviceIds: number[]): string => {
  const minutes = serviceIds.reduce(
    (total, id) => total + (account.services.get(id)?.durationMinutes ?? 0),
    0,
  );
  return addMinutes(start, Math.max(MIN_DURATION_MINUTES, minutes));
};

const creationEvents = (account: Account, appointment: Appointment): WebhookEvent[] => {
  if (appointment.source !== "online_widget") return ["appointment_created"];
  return account.settings.widgetAlsoFiresCreated
    ? ["online_booking_created", "appointment_created"]
    : ["online_booking_created"];
};

const consumePackVisit = (account: Account, packId: number, at: number): void => {
  const pack = account.servicePacks.get(packId);
  if (!pack) return;
  pack.visitsLeft = Math.max(0, pack.visitsLeft - 1);
  pack.modified = at;
};

export const createAppointment = (
  emulator: Emulator,
  account: Account,
  input: NewAppointment,
  options: { fireWebhooks: boolean; at?: { created: number; modified: number } },
): Appointment => {
  const created = options.at?.created ?? emulator.clock.now();
  const modified = options.at?.modified ?? created;
  const services: AppointedService[] = input.services.map((line) => {
    const service = requireService(account, line.serviceId);
    return {
      id: emulator.state.nextId("appointedService"),
      serviceId: service.id,
      name: service.name,
      type: service.type,
      price: line.price ?? Number(service.price),
      executorId: input.executorId,
      servicePackId: line.servicePackId ?? null,
      discount: line.discount ?? null,
    };
  });
  const status = input.status ?? DEFAULT_STATUS;
  const appointment: Appointment = {
    id: emulator.state.nextId("appointment"),
    linkId: emulator.state.nextId("clientLink"),
    clientId: input.clientId,
    executorId: input.executorId,
    authorId:
      input.source === "online_widget"
        ? null
        : input.authorId === undefined
          ? accountOwnerId(account)
          : input.authorId,
    start: input.start,
    finish:
      input.finish ??
      defaultFinish(
        account,
        input.start,
        input.services.map((line) => line.serviceId),
      ),
    status,
    statusHistory:
      status === DEFAULT_STATUS
        ? [{ status, at: created }]
        : [
            { status: DEFAULT_STATUS, at: created },
            { status, at: modified },
          ],
    paid: input.paid ?? false,
    urgent: input.urgent ?? false,
    isSale: input.isSale ?? services.every((line) => line.type === "product"),
    source: input.source,
    services,
    dynamicFields:
      input.dynamicFields && Object.keys(input.dynamicFields).length > 0
        ? input.dynamicFields
        : null,
    created,
    modified,
  };
  account.appointments.set(appointment.id, appointment);

  for (const line of services)
    if (line.servicePackId !== null) consumePackVisit(account, line.servicePackId, modified);
  if (appointment.paid) {
    recordRevenue(
      emulator,
      account,
      {
        appointmentId: appointment.id,
        clientId: appointment.clientId,
        amount: chargedAmount(appointment),
        type: "appointment",
      },
      modified,
    );
  }
  if (options.fireWebhooks) {
    for (const event of creationEvents(account, appointment)) {
      emulator.state.webhooks.fire(
        account,
        event,
        appointmentEventContext(account, event, { appointment }),
      );
    }
  }
  return appointment;
};

/** A move keeps the duration unless a new finish or duration is given. */
const resolveTimes = (
  appointment: Appointment,
  changes: AppointmentChanges,
): { start: string; finish: string } => {
  const start = changes.start ?? appointment.start;
  const duration = changes.durationMinutes ?? minutesBetween(appointment.start, appointment.finish);
  return { start, finish: changes.finish ?? addMinutes(start, duration) };
};

export const findChangeErrors = (
  account: Account,
  appointment: Appointment,
  changes: AppointmentChanges,
): FieldErrors => {
  const { start, finish } = resolveTimes(appointment, changes);
  return {
    ...findReferenceErrors(account, { clientId: changes.clientId, executorId: changes.executorId }),
    ...findTimeErrors(start, finish),
  };
};

/** Applies changes checked by findChangeErrors; `modified` moves only when something changed. */
export const updateAppointment = (
  emulator: Emulator,
  account: Account,
  appointment: Appointment,
  changes: AppointmentChanges,
  { fireWebhooks }: { fireWebhooks: boolean },
): void => {
  const before = serializeAppointment(account, appointment);
  const now = emulator.clock.now();
  const { start, finish } = resolveTimes(appointment, changes);
  const timesChanged = start !== appointment.start || finish !== appointment.finish;
  const statusChanged = changes.status !== undefined && changes.status !== appointment.status;
  const executorChanged =
    changes.executorId !== undefined && changes.executorId !== appointment.executorId;
  const clientChanged = changes.clientId !== undefined && changes.clientId !== appointment.clientId;
  const paidChanged = changes.paid !== undefined && changes.paid !== appointment.paid;
  const fieldsChanged = changes.dynamicFields !== undefined;
  if (!(
    timesChanged ||
    statusChanged ||
    executorChanged ||
    clientChanged ||
    paidChanged ||
    fieldsChanged
  ))
    return;

  appointment.start = start;
  appointment.finish = finish;
  if (changes.status !== undefined && statusChanged) {
    appointment.status = changes.status;
    appointment.statusHistory.push({ status: changes.status, at: now });
  }
  if (changes.executorId !== undefined && executorChanged) {
    appointment.executorId = changes.executorId;
    for (const line of appointment.services) line.executorId = changes.executorId;
  }
  if (changes.clientId !== undefined) appointment.clientId = changes.clientId;
  if (changes.paid !== undefined) appointment.paid = changes.paid;
  if (changes.dynamicFields !== undefined) {
    appointment.dynamicFields = { ...appointment.dynamicFields, ...changes.dynamicFields };
  }
  appointment.modified = now;

  if (paidChanged && appointment.paid) {
    recordRevenue(
      emulator,
      account,
      {
        appointmentId: appointment.id,
        clientId: appointment.clientId,
        amount: chargedAmount(appointment),
        type: "appointment",
      },
      now,
    );
  }
  // Executor, client, payment and field edits fire nothing; reconciliation picks them up (klientiks-contract §12.3).
  if (fireWebhooks && (timesChanged || statusChanged)) {
    emulator.state.webhooks.fire(
      account,
      "appointment_changed",
      appointmentEventContext(account, "appointment_changed", { appointment, before }),
    );
  }
};

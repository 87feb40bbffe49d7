// Appointment writes (klientiks-contract §8.1 (15)–(18)): `add`, `add … s/apiAdd`,
// `add … s/waitingListItemAdd` and `edit`. Every one answers the boolean-status envelope of §4.4.

import {
  createAppointment,
  findChangeErrors,
  findReferenceErrors,
  findTimeErrors,
  updateAppointment,
  type AppointmentChanges,
} from "../appointments";
import { createClient, findClientByPhone } from "../clients";
import { datePart, isValidDate, normalizeNaiveDateTime } from "../datetime";
import { phoneFormatErrors } from "../phone";
import { serializeAppointment } from "../serialize";
import type { FieldErrors } from "../types";
import { addWaitingListItem } from "../waiting-list";
import type { RestHandler } from "./context";
import { appointmentWriteEnvelope, hasErrors, mergeErrors } from "./envelopes";
import { formIdList, formInteger, formText, parseBirthDate, requiredMessage } from "./form";

type Field<Value> = { value: Value | undefined; errors: FieldErrors };

const requiredId = (form: URLSearchParams, name: string, label: string): Field<number> => {
  const value = formInteger(form, name);
  return { value, errors: value === undefined ? { [name]: [requiredMessage(label)] } : {} };
};

const requiredIdList = (form: URLSearchParams, name: string, label: string): Field<number[]> => {
  const ids = formIdList(form, name);
  if (ids.length === 0) return { value: undefined, errors: { [name]: [requiredMessage(label)] } };
  if (ids.some((id) => Number.isNaN(id)))
    return { value: undefined, errors: { [name]: ["Неверный идентификатор услуги."] } };
  return { value: ids, errors: {} };
};

/**
 * A datetime sent as one field (`start_datetime=YYYY-MM-DD HH:MM:SS`) or split into a date field and a
 * time field (`start_datetime=YYYY-MM-DD` + `start_time=HH:MM:SS`, as `add` expects, §8.1 (15)).
 */
const dateTimeField = (
  form: URLSearchParams,
  dateName: string,
  timeName: string | null,
  label: string,
): Field<string> => {
  const date = formText(form, dateName);
  if (date === undefined) return { value: undefined, errors: {} };
  const time = timeName === null ? undefined : formText(form, timeName);
  const value = normalizeNaiveDateTime(time === undefined ? date : `${date} ${time}`);
  return {
    value: value ?? undefined,
    errors: value === null ? { [dateName]: [`Неверный формат поля «${label}».`] } : {},
  };
};

const required = <Value>(field: Field<Value>, name: string, label: string): Field<Value> =>
  field.value === undefined && !hasErrors(field.errors)
    ? { value: undefined, errors: { [name]: [requiredMessage(label)] } }
    : field;

export const addAppointment: RestHandler = ({ emulator, account, form }) => {
  const clientId = requiredId(form, "client_id", "Клиент");
  const executorId = requiredId(form, "executor_id", "Сотрудник");
  const serviceIds = requiredIdList(form, "appointed_services", "Услуги");
  const start = required(
    dateTimeField(form, "start_datetime", "start_time", "Начало"),
    "start_datetime",
    "Начало",
  );
  const finish = dateTimeField(form, "finish_datetime", "finish_time", "Окончание");
  const errors = mergeErrors(
    clientId.errors,
    executorId.errors,
    serviceIds.errors,
    start.errors,
    finish.errors,
  );
  if (
    clientId.value === undefined ||
    executorId.value === undefined ||
    !serviceIds.value ||
    !start.value
  ) {
    return appointmentWriteEnvelope({ errors }, "");
  }
  const services = serviceIds.value.map((serviceId) => ({ serviceId }));
  const allErrors = mergeErrors(
    errors,
    findReferenceErrors(account, {
      clientId: clientId.value,
      executorId: executorId.value,
      services,
    }),
    finish.value ? findTimeErrors(start.value, finish.value) : {},
  );
  if (hasErrors(allErrors)) return appointmentWriteEnvelope({ errors: allErrors }, "");

  const appointment = createAppointment(
    emulator,
    account,
    {
      clientId: clientId.value,
      executorId: executorId.value,
      start: start.value,
      finish: finish.value,
      status: formText(form, "status"),
      source: "api",
      services,
    },
    { fireWebhooks: true },
  );
  return appointmentWriteEnvelope(
    { object: serializeAppointment(account, appointment) },
    "Запись создана",
  );
};

/** Creates or matches the client by normalised phone, then books (klientiks-contract §8.1 (16)). */
export const apiAddAppointment: RestHandler = ({ emulator, account, form }) => {
  const executorId = requiredId(form, "executor_id", "Сотрудник");
  const serviceIds = requiredIdList(form, "service_id", "Услуги");
  const start = required(
    dateTimeField(form, "start_datetime", null, "Начало"),
    "start_datetime",
    "Начало",
  );
  const firstName = formText(form, "first_name");
  const phone = formText(form, "phone");
  const birthDate = formText(form, "birth_date");
  const parsedBirthDate = birthDate === undefined ? undefined : parseBirthDate(birthDate);
  const errors = mergeErrors(
    executorId.errors,
    serviceIds.errors,
    start.errors,
    firstName === undefined ? { first_name: [requiredMessage("Имя")] } : {},
    phone === undefined ? { phone: [requiredMessage("Телефон")] } : phoneFormatErrors(phone),
    parsedBirthDate === null ? { birth_date: ["Неверный формат даты рождения."] } : {},
    findReferenceErrors(account, {
      executorId: executorId.value,
      services: (serviceIds.value ?? []).map((serviceId) => ({ serviceId })),
    }),
  );
  if (
    hasErrors(errors) ||
    executorId.value === undefined ||
    !serviceIds.value ||
    !start.value ||
    !firstName ||
    !phone
  ) {
    return appointmentWriteEnvelope({ errors }, "");
  }

  const livingAddress = formText(form, "living_address");
  const client =
    findClientByPhone(account, phone) ??
    createClient(
      emulator,
      account,
      {
        firstName,
        phone,
        birthDate: parsedBirthDate ?? undefined,
        dynamicFields: livingAddress ? { living_address: livingAddress } : {},
      },
      { fireWebhooks: true },
    );
  const subclientName = formText(form, "subclient_name");
  const appointment = createAppointment(
    emulator,
    account,
    {
      clientId: client.id,
      executorId: executorId.value,
      start: start.value,
      source: "api",
      services: serviceIds.value.map((serviceId) => ({ serviceId })),
      dynamicFields: subclientName ? { subclient_name: subclientName } : null,
    },
    { fireWebhooks: true },
  );
  return appointmentWriteEnvelope(
    { object: serializeAppointment(account, appointment) },
    "Запись создана",
  );
};

/** Move, change duration, status, executor or client; fires the change event per §8.1 (17). */
export const editAppointment: RestHandler = ({ emulator, account, form }) => {
  const id = requiredId(form, "id", "ID");
  const appointment = id.value === undefined ? undefined : account.appointments.get(id.value);
  if (!appointment) {
    return appointmentWriteEnvelope(
      { errors: hasErrors(id.errors) ? id.errors : { id: [`Запись ${id.value} не найдена.`] } },
      "",
    );
  }
  const start = dateTimeField(form, "start_datetime", null, "Начало");
  const finish = dateTimeField(form, "finish_datetime", null, "Окончание");
  const changes: AppointmentChanges = {
    start: start.value,
    finish: finish.value,
    status: formText(form, "status"),
    executorId: formInteger(form, "executor_id"),
    clientId: formInteger(form, "client_id"),
  };
  const errors = mergeErrors(
    start.errors,
    finish.errors,
    findChangeErrors(account, appointment, changes),
  );
  if (hasErrors(errors)) return appointmentWriteEnvelope({ errors }, "");

  updateAppointment(emulator, account, appointment, changes, { fireWebhooks: true });
  return appointmentWriteEnvelope(
    { object: serializeAppointment(account, appointment) },
    "Запись сохранена",
  );
};

/** A waiting-list entry; not a visit (klientiks-contract §8.1 (18)). */
export const addWaitingListEntry: RestHandler = ({ emulator, account, form }) => {
  const clientId = requiredId(form, "client_id", "Клиент");
  const date = datePart(formText(form, "start_datetime") ?? "");
  const errors = mergeErrors(
    clientId.errors,
    isValidDate(date) ? {} : { start_datetime: [requiredMessage("Дата")] },
    findReferenceErrors(account, { clientId: clientId.value }),
  );
  if (hasErrors(errors) || clientId.value === undefined)
    return appointmentWriteEnvelope({ errors }, "");

  const item = addWaitingListItem(emulator, account, {
    clientId: clientId.value,
    date,
    source: formText(form, "appointment_source") ?? "",
    memo: formText(form, "client_memo") ?? "",
  });
  return appointmentWriteEnvelope(
    {
      object: {
        id: item.id,
        client_id: item.clientId,
        start_datetime: item.date,
        appointment_source: item.source,
        client_memo: item.memo,
      },
    },
    "Клиент добавлен в лист ожидания",
  );
};

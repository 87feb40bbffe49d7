// What a booking through the online widget («ВОЗ») does, shared by the widget page and
// `POST /__control/accounts/{A}/widget-bookings` (klientiks-contract §13, §17.3).

import { createAppointment, findReferenceErrors } from "./appointments";
import { createClient, findClientByPhone } from "./clients";
import { PAGE_PARAM_KEYS } from "./control-schemas";
import type { Emulator } from "./emulator";
import { phoneFormatErrors } from "./phone";
import type { Account, Appointment, Client, DynamicFields, FieldErrors } from "./types";

export type PageParamKey = (typeof PAGE_PARAM_KEYS)[number];

export type WidgetBookingInput = {
  name: string;
  phone: string;
  email?: string;
  serviceId: number;
  executorId: number;
  start: string;
  /** The ВОЗ source field, technical name `lead` (klientiks-contract §13.3). */
  lead?: string;
  pageParams?: Partial<Record<PageParamKey, string>>;
};

export type WidgetBookingResult =
  | { ok: true; appointment: Appointment; client: Client; clientCreated: boolean }
  | { ok: false; errors: FieldErrors };

/** Keeps the tracker's parameters from a widget URL's query (klientiks-contract §13.6). */
export const pickPageParams = (query: URLSearchParams): Partial<Record<PageParamKey, string>> =>
  Object.fromEntries(
    PAGE_PARAM_KEYS.flatMap((key) => (query.get(key) ? [[key, query.get(key) ?? ""]] : [])),
  );

const bookingFields = (input: WidgetBookingInput): DynamicFields => {
  const fields: DynamicFields = {};
  const lead = input.lead?.trim();
  if (lead) fields.lead = lead;
  for (const [key, value] of Object.entries(input.pageParams ?? {})) if (value) fields[key] = value;
  return fields;
};

const findWidgetBookingErrors = (account: Account, input: WidgetBookingInput): FieldErrors => {
  return {
    ...findReferenceErrors(account, {
      executorId: input.executorId,
      services: [{ serviceId: input.serviceId }],
    }),
    ...(input.name.trim() ? {} : { name: ["Необходимо заполнить «Имя»."] }),
    ...phoneFormatErrors(input.phone),
  };
};

export const createWidgetBooking = (
  emulator: Emulator,
  account: Account,
  input: WidgetBookingInput,
): WidgetBookingResult => {
  const errors = findWidgetBookingErrors(account, input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const existing = findClientByPhone(account, input.phone);
  const email = input.email?.trim();
  const client =
    existing ??
    createClient(
      emulator,
      account,
      { firstName: input.name, phone: input.phone, dynamicFields: email ? { email } : {} },
      { fireWebhooks: true },
    );
  const appointment = createAppointment(
    emulator,
    account,
    {
      clientId: client.id,
      executorId: input.executorId,
      start: input.start,
      source: "online_widget",
      services: [{ serviceId: input.serviceId }],
      dynamicFields: bookingFields(input),
    },
    { fireWebhooks: true },
  );
  return { ok: true, appointment, client, clientCreated: existing === undefined };
};

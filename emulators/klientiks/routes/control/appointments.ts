// Appointments and widget bookings through the control API (klientiks-contract §17.3).

import type { z } from "zod";

import {
  createAppointment,
  findChangeErrors,
  findReferenceErrors,
  findTimeErrors,
  updateAppointment,
} from "../../appointments";
import { findClientByPhone } from "../../clients";
import {
  createAppointmentBody,
  patchAppointmentBody,
  widgetBookingBody,
} from "../../control-schemas";
import type { Emulator } from "../../emulator";
import { serializeAppointment, serializeClient } from "../../serialize";
import type { Account } from "../../types";
import { createWidgetBooking } from "../../widget-booking";
import { createClientFromBody } from "./clients";
import {
  ControlError,
  parseBody,
  rejectFieldErrors,
  requireAccount,
  requireAppointment,
  type ControlHandler,
} from "./shared";

/** An existing client by id, or the body's `client`, matched by phone or created. */
const resolveClientId = (
  emulator: Emulator,
  account: Account,
  input: z.output<typeof createAppointmentBody>,
): number => {
  if (input.client_id !== undefined) return input.client_id;
  if (!input.client) throw new ControlError(400, "give exactly one of client_id or client");
  return (
    findClientByPhone(account, input.client.phone) ??
    createClientFromBody(emulator, account, input.client)
  ).id;
};

export const createAppointmentRoute: ControlHandler = (request) => {
  const { emulator } = request;
  const account = requireAccount(request);
  const input = parseBody(createAppointmentBody, request.body);
  const services = input.services.map((line) => ({
    serviceId: line.service_id,
    price: line.price === undefined ? undefined : Number(line.price),
    servicePackId: line.service_pack_id,
    discount: line.discount,
  }));
  rejectFieldErrors({
    ...findReferenceErrors(account, {
      clientId: input.client_id,
      executorId: input.executor_id,
      services,
    }),
    ...(input.author_id == null || account.users.has(input.author_id)
      ? {}
      : { author_id: [`Сотрудник ${input.author_id} не найден.`] }),
    ...(input.finish ? findTimeErrors(input.start, input.finish) : {}),
  });

  const appointment = createAppointment(
    emulator,
    account,
    {
      clientId: resolveClientId(emulator, account, input),
      executorId: input.executor_id,
      authorId: input.author_id,
      start: input.start,
      finish: input.finish,
      status: input.status,
      source: input.source ?? "staff",
      services,
      dynamicFields: input.json_data,
      isSale: input.is_sale,
      paid: input.paid,
      urgent: input.urgent,
    },
    { fireWebhooks: input.fire_webhooks ?? true },
  );
  return { status: 201, body: serializeAppointment(account, appointment) };
};

export const listAppointmentsRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const appointments = Array.from(account.appointments.values()).sort(
    (left, right) => left.id - right.id,
  );
  return { body: appointments.map((appointment) => serializeAppointment(account, appointment)) };
};

export const getAppointmentRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  return { body: serializeAppointment(account, requireAppointment(account, request.params.id)) };
};

export const patchAppointmentRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const appointment = requireAppointment(account, request.params.id);
  const input = parseBody(patchAppointmentBody, request.body);
  const changes = {
    start: input.start,
    finish: input.finish,
    durationMinutes: input.duration_minutes,
    status: input.status,
    executorId: input.executor_id,
    clientId: input.client_id,
    paid: input.paid,
    dynamicFields: input.json_data,
  };
  rejectFieldErrors(findChangeErrors(account, appointment, changes));
  updateAppointment(request.emulator, account, appointment, changes, {
    fireWebhooks: input.fire_webhooks ?? true,
  });
  return { body: serializeAppointment(account, appointment) };
};

export const createWidgetBookingRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(widgetBookingBody, request.body);
  const result = createWidgetBooking(request.emulator, account, {
    name: input.name,
    phone: input.phone,
    email: input.email,
    serviceId: input.service_id,
    executorId: input.executor_id,
    start: input.start,
    lead: input.lead,
    pageParams: input.page_params,
  });
  if (!result.ok) throw new ControlError(400, "Validation failed", { errors: result.errors });
  return {
    status: 201,
    body: {
      appointment: serializeAppointment(account, result.appointment),
      client: serializeClient(account, result.client),
      client_created: result.clientCreated,
    },
  };
};

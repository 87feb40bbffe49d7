// The template objects each event exposes (klientiks-contract §12.3). The change event has no
// `appointment` object, so a creation template attached to it renders an empty appointment_id — on
// purpose, the receiver must cope with that (§12.6).

import type { TemplateContext } from "./mustache";
import { serializeAppointment, serializeClient, type AppointmentJson } from "./serialize";
import type { Account, Appointment, Client, WebhookEvent } from "./types";

const clientOf = (account: Account, clientId: number) => {
  const client = account.clients.get(clientId);
  return client ? serializeClient(account, client) : null;
};

export const clientEventContext = (account: Account, client: Client): TemplateContext => {
  const serialized = serializeClient(account, client);
  return { new_data: serialized, client: serialized };
};

type AppointmentEventInput = {
  appointment: Appointment;
  /** The appointment before the change, for `old_data`; a replayed trigger has none, so it repeats the current state. */
  before?: AppointmentJson;
  /** Render as if the appointment had this status (replayed stale deliveries). */
  statusOverride?: string;
};

export const appointmentEventContext = (
  account: Account,
  event: WebhookEvent,
  { appointment, before, statusOverride }: AppointmentEventInput,
): TemplateContext => {
  const current = serializeAppointment(account, appointment, {
    statusOverride: statusOverride ?? null,
  });
  const client = clientOf(account, appointment.clientId);
  switch (event) {
    case "appointment_created":
    case "online_booking_created":
      return { appointment: current, new_data: current, client };
    case "appointment_changed":
      return { new_data: current, old_data: before ?? current, client };
    case "client_created":
      return { new_data: client, client };
  }
};

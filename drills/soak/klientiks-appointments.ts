import { mapWithConcurrency } from "../../bench/lib/stats";
import type { KlientiksControl } from "../../emulators/klientiks/control-client";

/** An appointment of the drill and the statuses it went through, in order: the last is its state now. */
export type TAppointmentPlan = { appointmentId: number; statuses: readonly string[] };

/**
 * The statuses an appointment goes through, by its index: most are booked and stay so, some are
 * confirmed, some confirmed and then visited. Each status is one webhook.
 */
const STATUS_PATHS: readonly (readonly string[])[] = [
  ...Array<readonly string[]>(7).fill(["scheduled"]),
  ["scheduled", "confirmed"],
  ["scheduled", "confirmed"],
  ["scheduled", "confirmed", "finished"],
];

/** "YYYY-MM-DD HH:MM:SS" on Moscow time (the emulator's naive clock), `hours` from now. */
const moscowNaive = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000 + 3 * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace("T", " ");

/**
 * Books appointments in a Klientiks emulator account, as the salon's staff would, until their
 * statuses add up to `events` webhooks: a master, a service, a client per phone of `phones` (the
 * callers of the drill's PBX, so deals and calls meet in one client), then each appointment created
 * and moved through its statuses without firing webhooks (the drill sends them itself).
 */
export async function bookAppointments(
  klientiks: KlientiksControl,
  accountId: string,
  { events, phones }: { events: number; phones: readonly string[] },
): Promise<TAppointmentPlan[]> {
  const master = await klientiks.addUser(accountId, { name: "Петрова Ольга" });
  const haircut = await klientiks.addService(accountId, {
    name: "Стрижка женская",
    price: "2500",
  });
  const clients = await mapWithConcurrency(phones, 8, (phone, index) =>
    klientiks.addClient(accountId, {
      first_name: "Клиент",
      second_name: `№${index + 1}`,
      phone,
    }),
  );
  const paths: (readonly string[])[] = [];
  for (let remaining = events; remaining > 0; remaining -= paths.at(-1)!.length)
    paths.push(STATUS_PATHS[paths.length % STATUS_PATHS.length]!.slice(0, remaining));
  return mapWithConcurrency(paths, 16, async (statuses, index) => {
    const [first, ...later] = statuses as [string, ...string[]];
    const appointment = await klientiks.createAppointment(accountId, {
      client_id: clients[index % clients.length]!.id,
      executor_id: master.id,
      start: moscowNaive(24 + (index % 300)),
      status: first,
      services: [{ service_id: haircut.id }],
      fire_webhooks: false,
    });
    for (const status of later)
      await klientiks.patchAppointment(accountId, appointment.id, {
        status,
        fire_webhooks: false,
      });
    return { appointmentId: appointment.id, statuses };
  });
}

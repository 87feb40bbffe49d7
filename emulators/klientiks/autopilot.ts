// Makes the demo salons feel alive in local development: every interval one plausible change on each
// demo account (the seeded one and those created with `demo: true`), through the same functions the API uses, so webhooks fire exactly as they would.
// Seeded, so a run replays the same sequence of choices; errors are logged, never thrown from the timer.

import { accountOwnerId } from "./accounts";
import { createAppointment, updateAppointment } from "./appointments";
import { addDays, formatLocalDateTime } from "./datetime";
import type { Emulator } from "./emulator";
import { createRandom, type Random } from "./random";
import type { Account, Appointment } from "./types";

const AUTOPILOT_SEED = 7;
const BOOKABLE_HOURS = ["10:00", "11:00", "12:30", "14:00", "15:30", "17:00", "18:30"];
const CONFIRMABLE_STATUSES = new Set(["scheduled", "sms_confirmation_sent"]);
const STARTED_STATUSES = new Set(["confirmed", "in_progress"]);

/** Next status along the happy path, with the occasional no-show or cancellation. */
const nextStatus = (status: string, random: Random): string => {
  const unlucky = random.next() < 0.1;
  if (status === "confirmed") return unlucky ? "missed" : "in_progress";
  if (status === "in_progress") return "finished";
  return unlucky ? "cancelled" : "confirmed";
};

const localNow = (emulator: Emulator, account: Account): string =>
  formatLocalDateTime(emulator.clock.now(), account.settings.timezone);

/** Visits get confirmed any time before they start; they go under way and finish only once due. */
const canAdvance = (appointment: Appointment, now: string): boolean =>
  CONFIRMABLE_STATUSES.has(appointment.status) ||
  (STARTED_STATUSES.has(appointment.status) && appointment.start <= now);

const bookVisit = (emulator: Emulator, account: Account, random: Random): string => {
  const client = random.pick(
    Array.from(account.clients.values()).filter((candidate) => !candidate.deleted),
  );
  const service = random.pick(
    Array.from(account.services.values()).filter((candidate) => candidate.type === "service"),
  );
  const executor = random.pick(
    Array.from(account.users.values()).filter((user) => user.id !== accountOwnerId(account)),
  );
  const day = addDays(localNow(emulator, account).slice(0, 10), 1 + Math.floor(random.next() * 6));
  const appointment = createAppointment(
    emulator,
    account,
    {
      clientId: client.id,
      executorId: executor.id,
      start: `${day} ${random.pick(BOOKABLE_HOURS)}:00`,
      source: "staff",
      services: [{ serviceId: service.id }],
    },
    { fireWebhooks: true },
  );
  return `booked visit ${appointment.id}`;
};

const moveVisit = (
  emulator: Emulator,
  account: Account,
  appointment: Appointment,
  random: Random,
): string => {
  const day = addDays(appointment.start.slice(0, 10), random.next() < 0.5 ? 1 : 2);
  updateAppointment(
    emulator,
    account,
    appointment,
    { start: `${day} ${random.pick(BOOKABLE_HOURS)}:00` },
    { fireWebhooks: true },
  );
  return `moved visit ${appointment.id} to ${appointment.start}`;
};

const advanceVisit = (
  emulator: Emulator,
  account: Account,
  appointment: Appointment,
  random: Random,
): string => {
  const status = nextStatus(appointment.status, random);
  const changes = status === "finished" ? { status, paid: true } : { status };
  updateAppointment(emulator, account, appointment, changes, { fireWebhooks: true });
  return `visit ${appointment.id} is now ${status}`;
};

const step = (emulator: Emulator, account: Account, random: Random): string => {
  const now = localNow(emulator, account);
  const appointments = Array.from(account.appointments.values());
  const advanceable = appointments.filter((appointment) => canAdvance(appointment, now));
  const movable = appointments.filter(
    (appointment) =>
      appointment.start.slice(0, 10) > now.slice(0, 10) &&
      CONFIRMABLE_STATUSES.has(appointment.status),
  );

  const roll = random.next();
  if (roll < 0.4 && advanceable.length > 0)
    return advanceVisit(emulator, account, random.pick(advanceable), random);
  if (roll < 0.6 && movable.length > 0)
    return moveVisit(emulator, account, random.pick(movable), random);
  return bookVisit(emulator, account, random);
};

export const startAutopilot = (
  emulator: Emulator,
  { intervalMs }: { intervalMs: number },
): { stop(): void } => {
  const random = createRandom(AUTOPILOT_SEED);
  const timer = setInterval(() => {
    for (const account of emulator.state.accounts.values()) {
      if (!account.isDemo) continue;
      try {
        emulator.logger.info(
          `autopilot ${account.credentials.accountId}: ${step(emulator, account, random)}`,
        );
      } catch (error) {
        emulator.logger.error("autopilot step failed", error);
      }
    }
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
};

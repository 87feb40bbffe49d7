// `m/availableTimes` (klientiks-contract §4.3, §8.1 (10)): free start times keyed by day. The emulator's
// working day is 10:00–20:00 with a 30-minute grid; a slot is free when the executor has no live visit
// overlapping it and it lies in the future of the account's local clock.

import { addDays, addMinutes, formatLocalDateTime, isValidDate } from "../datetime";
import type { Account } from "../types";
import type { RestHandler } from "./context";
import { itemEnvelope } from "./envelopes";
import { formIdList } from "./form";
import { readParam } from "./url";

const OPENING_TIME = "10:00:00";
const CLOSING_TIME = "20:00:00";
const SLOT_STEP_MINUTES = 30;
const MAX_DAYS = 31;
const FREEING_STATUSES = new Set(["cancelled", "cancelled_by_sms"]);

const isBusy = (account: Account, executorId: number, start: string, finish: string): boolean =>
  Array.from(account.appointments.values()).some(
    (appointment) =>
      appointment.executorId === executorId &&
      !FREEING_STATUSES.has(appointment.status) &&
      appointment.start < finish &&
      start < appointment.finish,
  );

const daySlots = (
  account: Account,
  day: string,
  executorIds: number[],
  durationMinutes: number,
  now: string,
): string[] => {
  const free = new Set<string>();
  for (
    let start = `${day} ${OPENING_TIME}`;
    addMinutes(start, durationMinutes) <= `${day} ${CLOSING_TIME}`;
  ) {
    const finish = addMinutes(start, durationMinutes);
    if (
      start > now &&
      executorIds.some((executorId) => !isBusy(account, executorId, start, finish))
    )
      free.add(start);
    start = addMinutes(start, SLOT_STEP_MINUTES);
  }
  return Array.from(free).sort();
};

/** `service_id` may come once, repeated, as `service_id[]` (K6 vs K10) or PHP's `service_id[0]`. */
const requestedServiceIds = (query: URLSearchParams, pathServiceId: string | null): number[] =>
  [
    ...formIdList(query, "service_id"),
    ...(pathServiceId === null ? [] : [Number(pathServiceId)]),
  ].filter((id) => Number.isInteger(id));

export const listAvailableTimes: RestHandler = ({ emulator, account, path, query }) => {
  const startDay = readParam(path, query, "start_day");
  const finishDay = readParam(path, query, "finish_day") ?? startDay;
  if (startDay === null || finishDay === null || !isValidDate(startDay) || !isValidDate(finishDay))
    return itemEnvelope(null, account.settings.emptyItems);

  const executorParam = readParam(path, query, "executor_id");
  const executorIds =
    executorParam === null
      ? Array.from(account.users.values())
          .filter((user) => !user.archived)
          .map((user) => user.id)
      : [Number(executorParam)].filter((id) => account.users.has(id));
  const services = requestedServiceIds(query, path.params.get("service_id") ?? null)
    .map((id) => account.services.get(id))
    .filter((service) => service !== undefined);
  const durationMinutes = Math.max(
    SLOT_STEP_MINUTES,
    services.reduce((total, service) => total + service.durationMinutes, 0),
  );
  const now = formatLocalDateTime(emulator.clock.now(), account.settings.timezone);

  const slots: Record<string, string[]> = {};
  for (
    let day = startDay, count = 0;
    day <= finishDay && count < MAX_DAYS;
    day = addDays(day, 1), count++
  ) {
    const free = daySlots(account, day, executorIds, durationMinutes, now);
    if (free.length > 0) slots[day] = free;
  }
  return itemEnvelope(Object.keys(slots).length > 0 ? slots : null, account.settings.emptyItems);
};

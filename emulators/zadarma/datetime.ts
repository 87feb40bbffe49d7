// Account-local naive datetimes: Zadarma writes `call_start`, `callstart`, `lifetime_till` and the
// statistics bounds as "YYYY-MM-DD HH:MM:SS" on the account's wall clock (its time zone, default
// Europe/Moscow). Naive values are handled as UTC wall-clock numbers, which is exact: no zone involved.

export const DEFAULT_TIMEZONE = "Europe/Moscow";

const NAIVE_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  formatters.set(timeZone, formatter);
  return formatter;
};

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Epoch ms → "YYYY-MM-DD HH:MM:SS" on the wall clock of `timeZone`. */
export const formatLocalDateTime = (epochMs: number, timeZone: string): string => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
};

const formatNaive = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** "YYYY-MM-DD HH:MM:SS" → ms as if it were UTC, or null when it is not a real datetime (2025-02-30, 25:00). */
export const parseNaive = (value: string): number | null => {
  const match = NAIVE_PATTERN.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  return !Number.isNaN(ms) && formatNaive(ms) === value ? ms : null;
};

/** Naive local datetime in `timeZone` → epoch ms (two passes settle DST edges). */
export const localDateTimeToEpoch = (naive: string, timeZone: string): number => {
  const wallClock = parseNaive(naive) ?? 0;
  const offsetAt = (epochMs: number): number =>
    (parseNaive(formatLocalDateTime(epochMs, timeZone)) ?? 0) - Math.floor(epochMs / 1000) * 1000;
  return wallClock - offsetAt(wallClock - offsetAt(wallClock));
};

/** The naive value one calendar month later ("2024-01-31 …" → "2024-02-29 …", clamped like Zadarma's "≤ 1 month"). */
export const addOneMonth = (naive: string): string => {
  const ms = parseNaive(naive) ?? 0;
  const date = new Date(ms);
  const lastDayOfNextMonth = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 2, 0),
  ).getUTCDate();
  const next = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    Math.min(date.getUTCDate(), lastDayOfNextMonth),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
  return formatNaive(next);
};

/** "UTC+3", "UTC-4", "UTC+5:30": the zone's offset at `epochMs`, as `info/timezone` writes it (OpenAPI example "UTC+0"). */
export const utcOffsetLabel = (epochMs: number, timeZone: string): string => {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  const offsetMinutes = Math.round(
    ((parseNaive(formatLocalDateTime(wholeSeconds, timeZone)) ?? 0) - wholeSeconds) / 60_000,
  );
  const sign = offsetMinutes < 0 ? "-" : "+";
  const hours = Math.floor(Math.abs(offsetMinutes) / 60);
  const minutes = Math.abs(offsetMinutes) % 60;
  return `UTC${sign}${hours}${minutes === 0 ? "" : `:${String(minutes).padStart(2, "0")}`}`;
};

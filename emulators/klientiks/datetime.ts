// Account-local naive datetimes (klientiks-contract §7): strings carry no offset, the account's
// `timezone` (default Europe/Moscow) gives them meaning. Arithmetic on naive values treats them as
// UTC wall-clock numbers, which is exact because no zone is involved.

export const DEFAULT_TIMEZONE = "Europe/Moscow";

const NAIVE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

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

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/** Epoch ms → "YYYY-MM-DD HH:MM:SS" on the wall clock of `timeZone`. */
export const formatLocalDateTime = (epochMs: number, timeZone: string): string => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
};

/** `created`/`modified` carry microseconds (klientiks-contract §7); our clock has milliseconds. */
export const formatLocalTimestamp = (epochMs: number, timeZone: string): string =>
  `${formatLocalDateTime(epochMs, timeZone)}.${pad(((epochMs % 1000) + 1000) % 1000, 3)}000`;

/** Naive "YYYY-MM-DD HH:MM:SS" → ms as if it were UTC, or null when it is not a real datetime. */
const parseNaive = (value: string): number | null => {
  const match = NAIVE_PATTERN.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = "00"] = match;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  // Round-tripping rejects values such as 2025-02-30 or 25:00.
  if (Number.isNaN(ms)) return null;
  return formatNaive(ms) === `${year}-${month}-${day} ${hour}:${minute}:${second}` ? ms : null;
};

const formatNaive = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** Accepts "YYYY-MM-DD HH:MM[:SS]" or the `T` form of `<input type="datetime-local">`. */
export const normalizeNaiveDateTime = (value: string): string | null => {
  const ms = parseNaive(value.trim());
  return ms === null ? null : formatNaive(ms);
};

export const isValidDate = (value: string): boolean =>
  DATE_PATTERN.test(value) && parseNaive(`${value} 00:00:00`) !== null;

export const addMinutes = (naive: string, minutes: number): string =>
  formatNaive((parseNaive(naive) ?? 0) + minutes * 60_000);

export const addDays = (date: string, days: number): string =>
  addMinutes(`${date} 00:00:00`, days * 24 * 60).slice(0, 10);

export const minutesBetween = (from: string, to: string): number =>
  ((parseNaive(to) ?? 0) - (parseNaive(from) ?? 0)) / 60_000;

export const datePart = (naive: string): string => naive.slice(0, 10);

/** Naive local datetime in `timeZone` → epoch ms (two passes settle DST edges). */
export const localDateTimeToEpoch = (naive: string, timeZone: string): number => {
  const wallClock = parseNaive(naive) ?? 0;
  const offsetAt = (epochMs: number): number =>
    (parseNaive(formatLocalDateTime(epochMs, timeZone)) ?? 0) - Math.floor(epochMs / 1000) * 1000;
  const firstGuess = wallClock - offsetAt(wallClock);
  return wallClock - offsetAt(firstGuess);
};

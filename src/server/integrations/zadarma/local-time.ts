import {
  getZonedWallClock,
  isRealWallClock,
  isValidTimeZone,
  wallClockAsUtcMs,
  zonedWallClockToEpochMs,
} from "@/lib/zoned-wall-clock";

// docs/telephony-zadarma.md, "Time": Zadarma writes times as naive `YYYY-MM-DD HH:MM:SS` on the
// account's clock (webhook `call_start`, statistics `callstart` and the `start`/`end` filters).

const LOCAL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * A Zadarma local time read on the clocks of `timeZone` (an IANA zone), as a UTC `Date`; correct
 * across DST changes. `null` for any other shape or an impossible date.
 */
export const parseZadarmaLocalTime = (text: string, timeZone: string): Date | null => {
  const match = LOCAL_TIME_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallClock = { year, month, day, hour, minute, second };
  if (!isRealWallClock(wallClock)) return null;
  return new Date(zonedWallClockToEpochMs(wallClockAsUtcMs(wallClock), timeZone));
};

const pad = (value: number, length = 2): string => String(value).padStart(length, "0");

/** `date` as the clocks of `timeZone` show it, `YYYY-MM-DD HH:MM:SS` (milliseconds dropped). */
export const formatZadarmaLocalTime = (date: Date, timeZone: string): string => {
  const { year, month, day, hour, minute, second } = getZonedWallClock(date.getTime(), timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
};

// Node 20's Intl has no "+05:30"-style zones, and Etc/GMT±N covers whole hours only. Offsets with
// minutes map to a zone that keeps that offset all year.
const HALF_HOUR_ZONES: Readonly<Record<string, string>> = {
  "+03:30": "Asia/Tehran",
  "+04:30": "Asia/Kabul",
  "+05:30": "Asia/Kolkata",
  "+05:45": "Asia/Kathmandu",
  "+06:30": "Asia/Yangon",
  "+08:45": "Australia/Eucla",
  "+09:30": "Australia/Darwin",
  "-09:30": "Pacific/Marquesas",
};

const OFFSET_ZONE_PATTERN = /^(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?$/i;

/**
 * The IANA zone for the `timezone` that `info/timezone` reports. The official API describes it as
 * an offset, `UTC+3`; an IANA name (as our emulator may send) is taken as it is. Whole-hour offsets
 * become `Etc/GMT∓N` (the POSIX sign is inverted: UTC+3 is Etc/GMT-3). `null` when unreadable.
 */
export const zadarmaTimeZoneToIana = (value: string): string | null => {
  const text = value.trim();
  const match = OFFSET_ZONE_PATTERN.exec(text);
  if (match === null) return text.includes("/") && isValidTimeZone(text) ? text : null;
  const [, sign = "+", hoursText = "0", minutesText = "00"] = match;
  const hours = Number(hoursText);
  if (hours === 0 && minutesText === "00") return "UTC";
  if (minutesText !== "00") return HALF_HOUR_ZONES[`${sign}${pad(hours)}:${minutesText}`] ?? null;
  const isInRange = sign === "+" ? hours <= 14 : hours <= 12;
  return isInRange ? `Etc/GMT${sign === "+" ? "-" : "+"}${hours}` : null;
};

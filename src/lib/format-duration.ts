/**
 * A call's wait or talk time, or a recording position, as a clock: `0:05`, `12:34`, `1:02:03`.
 * Digits read the same in every language, and a column of them lines up.
 */
export function formatClockDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const whole = Math.floor(seconds);
  const [hours, minutes, rest] = [
    Math.floor(whole / 3600),
    Math.floor((whole % 3600) / 60),
    whole % 60,
  ];
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

/** A span between two moments in the one or two units people say it in (messages `calls.duration`). */
export type TSpanWords =
  | { key: "seconds" | "minutes" | "hours"; values: { count: number } }
  | { key: "hoursMinutes"; values: { hours: number; minutes: number } };

/**
 * How long something took, in words' units: seconds under a minute, whole minutes under an hour,
 * hours and minutes under a day, else whole hours («перезвонили через 26 ч»).
 */
export function spanWords(seconds: number): TSpanWords {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return { key: "seconds", values: { count: whole } };
  if (whole < 3600) return { key: "minutes", values: { count: Math.floor(whole / 60) } };
  const [hours, minutes] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60)];
  if (hours >= 24 || minutes === 0) return { key: "hours", values: { count: hours } };
  return { key: "hoursMinutes", values: { hours, minutes } };
}

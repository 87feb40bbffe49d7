/** Anything that happened less than this long ago reads «только что». */
export const JUST_NOW_MS = 60_000;

type TRelativeTimeFormatter = { relativeTime: (date: Date, now: Date) => string };

/**
 * How long ago a past event happened («5 минут назад»). The time comes from the server and `now`
 * from the browser, whose clock may run behind: a moment «in the future» is clamped to «только
 * что» instead of reading «через 5 секунд».
 */
export function formatPastRelativeTime(
  format: TRelativeTimeFormatter,
  at: Date,
  now: Date,
  justNow: string,
): string {
  return now.getTime() - at.getTime() < JUST_NOW_MS ? justNow : format.relativeTime(at, now);
}

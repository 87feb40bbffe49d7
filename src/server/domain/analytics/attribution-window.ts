import type { TCommunication } from "@/server/domain/analytics/communication";

/** deal-attribution §3: a workspace setting, in whole days. */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 90;
export const MIN_ATTRIBUTION_WINDOW_DAYS = 1;
export const MAX_ATTRIBUTION_WINDOW_DAYS = 365;

/** A window day is 24 hours of instants, so the window does not depend on the time zone. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The settings schema validates the window first; anything else reaching here is a bug. */
function assertWindowDays(windowDays: number): void {
  if (
    !Number.isInteger(windowDays) ||
    windowDays < MIN_ATTRIBUTION_WINDOW_DAYS ||
    windowDays > MAX_ATTRIBUTION_WINDOW_DAYS
  )
    throw new RangeError(
      `attribution window must be a whole number of days from ${MIN_ATTRIBUTION_WINDOW_DAYS} to ${MAX_ATTRIBUTION_WINDOW_DAYS}, got ${windowDays}`,
    );
}

/**
 * The communications that may be credited with the deal (deal-attribution §2, §3): those in
 * `[createdAt − windowDays, createdAt)`, plus the deal's own booking whatever its time — it shares
 * the deal's creation instant, which the exclusive end would otherwise shut out.
 */
export function filterCountingCommunications(input: {
  deal: { id: string; createdAt: Date };
  communications: readonly TCommunication[];
  windowDays: number;
}): TCommunication[] {
  const { deal, communications, windowDays } = input;
  assertWindowDays(windowDays);
  const end = deal.createdAt.getTime();
  const start = end - windowDays * DAY_MS;
  return communications.filter((communication) => {
    if (communication.dealId === deal.id) return true;
    const at = communication.at.getTime();
    return at >= start && at < end;
  });
}

"use client";

import { useLocale } from "next-intl";

import { formatTimeZone } from "@/lib/time-zones";
import { SUGGESTED_TIMEZONES } from "@/lib/workspace-options";

/**
 * The suggested time zones as `<option>`s named as people read them («Екатеринбург (UTC+5)»); a
 * current value outside the list is offered first, so a select never silently shows another zone.
 */
export function TimeZoneOptions({ current }: { current?: string }) {
  const locale = useLocale();
  const zones: readonly string[] =
    current && !(SUGGESTED_TIMEZONES as readonly string[]).includes(current)
      ? [current, ...SUGGESTED_TIMEZONES]
      : SUGGESTED_TIMEZONES;
  return zones.map((zone) => (
    <option key={zone} value={zone}>
      {formatTimeZone(zone, locale)}
    </option>
  ));
}

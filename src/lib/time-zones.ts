const zoneNamePart = (
  timeZone: string,
  locale: string,
  timeZoneName: "shortGeneric" | "shortOffset",
  at: Date,
): string =>
  new Intl.DateTimeFormat(locale, { timeZone, timeZoneName })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value ?? "";

/**
 * An IANA time zone as a person reads it: «Екатеринбург (UTC+5)», «Yekaterinburg Time (UTC+5)».
 * The place is the zone's generic name in the reader's language from the platform's CLDR data
 * (Intl has no display names for zones themselves); a zone CLDR names only by offset shows the
 * city of its id. The offset is the one in force at `at`. An id Intl does not know stays as it is.
 */
export function formatTimeZone(timeZone: string, locale: string, at: Date = new Date()): string {
  let name: string;
  let offset: string;
  try {
    name = zoneNamePart(timeZone, locale, "shortGeneric", at);
    offset = zoneNamePart(timeZone, locale, "shortOffset", at)
      .replace(/^GMT/, "UTC")
      .replace(/^UTC[+-]0$/, "UTC");
  } catch {
    return timeZone;
  }
  const isOffsetOnly = /^(GMT|UTC)/.test(name);
  const city =
    timeZone.includes("/") && !timeZone.startsWith("Etc/")
      ? (timeZone.split("/").pop() ?? "").replaceAll("_", " ")
      : "";
  const place = isOffsetOnly ? city : name;
  return place ? `${place} (${offset})` : offset;
}

/** Whether the platform knows an IANA zone id (a stored or provider-sent zone may be garbage). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

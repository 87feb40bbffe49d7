import { describe, expect, it } from "vitest";

import { formatTimeZone } from "@/lib/time-zones";
import { SUGGESTED_TIMEZONES } from "@/lib/workspace-options";

const AT = new Date("2026-12-03T12:00:00Z");

describe("formatTimeZone", () => {
  it("names the place in the reader's language with the offset", () => {
    expect(formatTimeZone("Asia/Yekaterinburg", "ru", AT)).toBe("Екатеринбург (UTC+5)");
    expect(formatTimeZone("Europe/Moscow", "ru", AT)).toBe("Москва (UTC+3)");
    expect(formatTimeZone("Asia/Yekaterinburg", "en", AT)).toMatch(/^Yekaterinburg.* \(UTC\+5\)$/);
  });

  it("writes UTC as an offset, and the offset in force at the time", () => {
    expect(formatTimeZone("UTC", "ru", AT)).toBe("UTC");
    expect(formatTimeZone("Europe/Berlin", "en", new Date("2026-07-01T12:00:00Z"))).toMatch(
      /\(UTC\+2\)$/,
    );
    expect(formatTimeZone("Europe/Berlin", "en", AT)).toMatch(/\(UTC\+1\)$/);
  });

  it("shows no raw IANA id for any zone the selectors offer", () => {
    for (const zone of SUGGESTED_TIMEZONES)
      for (const locale of ["ru", "en"])
        expect(formatTimeZone(zone, locale, AT)).not.toContain("/");
  });

  it("keeps an id Intl does not know as it is", () => {
    expect(formatTimeZone("Mars/Olympus", "ru", AT)).toBe("Mars/Olympus");
  });
});

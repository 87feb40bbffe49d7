import fc from "fast-check";
import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";

import { formatPastRelativeTime } from "@/lib/past-relative-time";

const NOW = new Date("2026-12-03T09:00:00Z");
const ru = createFormatter({ locale: "ru", now: NOW });
const en = createFormatter({ locale: "en", now: NOW });
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe("formatPastRelativeTime", () => {
  it("says «только что» for an event the browser's clock places a few seconds ahead", () => {
    expect(formatPastRelativeTime(ru, secondsBefore(-5), NOW, "только что")).toBe("только что");
    expect(formatPastRelativeTime(en, secondsBefore(-5), NOW, "just now")).toBe("just now");
  });

  it("says «только что» within the first minute, then how long ago", () => {
    expect(formatPastRelativeTime(ru, secondsBefore(0), NOW, "только что")).toBe("только что");
    expect(formatPastRelativeTime(ru, secondsBefore(59), NOW, "только что")).toBe("только что");
    expect(formatPastRelativeTime(ru, secondsBefore(5 * 60), NOW, "только что")).toBe(
      "5 минут назад",
    );
    expect(formatPastRelativeTime(ru, secondsBefore(3 * 3600), NOW, "только что")).toBe(
      "3 часа назад",
    );
    expect(formatPastRelativeTime(en, secondsBefore(2 * 86_400), NOW, "just now")).toBe(
      "2 days ago",
    );
  });

  it("never reads as the future, whatever the clock difference", () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 30 * 86_400 }), (seconds) => {
        const text = formatPastRelativeTime(ru, secondsBefore(seconds), NOW, "только что");
        expect(text).not.toMatch(/^через/);
        expect(text === "только что" || text.endsWith("назад")).toBe(true);
      }),
    );
  });
});

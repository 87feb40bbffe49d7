"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback } from "react";

import { dayToUtcDate } from "./calendar-day";

/** «5 нояб. 2026 г.» / «Nov 5, 2026»: short enough for a filter button. */
const DAY_STYLE = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" } as const;

/**
 * Narrow and non-breaking spaces as plain ones: Node's ICU writes «2026 г.» with U+202F where
 * Chromium's writes a space, and the server's text must equal the browser's or hydration fails.
 */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, " ");

/** Calendar days and periods as the interface language writes them: «1–15 нояб. 2026 г.». */
export function useDayText() {
  const format = useFormatter();
  const t = useTranslations("datePicker");
  const day = useCallback(
    (value: string) => plainSpaces(format.dateTime(dayToUtcDate(value), DAY_STYLE)),
    [format],
  );
  const period = useCallback(
    (from: string | null, to: string | null): string => {
      if (from && to)
        return plainSpaces(format.dateTimeRange(dayToUtcDate(from), dayToUtcDate(to), DAY_STYLE));
      if (from) return t("fromDay", { day: day(from) });
      if (to) return t("toDay", { day: day(to) });
      return t("anyTime");
    },
    [format, t, day],
  );
  return { day, period };
}

import { z } from "zod";

import { parseDay } from "@/lib/zoned-day";

/** The longest period a report covers, with its comparison period twice that (docs/analytics.md §5). */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;

const ZDay = z.string().refine((text) => parseDay(text) !== null, "expected a date YYYY-MM-DD");

/** Whole local days of the workspace, both included. */
export type TReportPeriod = { from: string; to: string };

export const ZReportPeriodSchema = z
  .object({ from: ZDay, to: ZDay })
  .refine(({ from, to }) => from <= to, { message: "must not be before from", path: ["to"] })
  .refine(({ from, to }) => periodLengthInDays({ from, to }) <= MAX_REPORT_DAYS, {
    message: `at most ${MAX_REPORT_DAYS} days`,
    path: ["to"],
  });

const dayNumber = (text: string) => Date.parse(`${text}T00:00:00Z`) / DAY_MS;
const dayText = (dayNumberValue: number) =>
  new Date(dayNumberValue * DAY_MS).toISOString().slice(0, 10);

export const periodLengthInDays = ({ from, to }: TReportPeriod): number =>
  dayNumber(to) - dayNumber(from) + 1;

/** The comparison period: as many days, ending the day before the period starts. */
export function previousPeriod(period: TReportPeriod): TReportPeriod {
  const start = dayNumber(period.from);
  return {
    from: dayText(start - periodLengthInDays(period)),
    to: dayText(start - 1),
  };
}

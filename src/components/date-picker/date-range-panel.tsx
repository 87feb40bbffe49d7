"use client";

import { subMonths } from "date-fns";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DateRange } from "react-day-picker";

import { usePopoverClose } from "@/components/data-table/popover";
import { cn } from "@/lib/cn";
import {
  findMatchingPreset,
  getPresetRange,
  getTodayIn,
  PERIOD_PRESETS,
} from "@/lib/period-presets";
import { useMediaQuery } from "@/lib/use-media-query";

import { Calendar } from "./calendar";
import { calendarDateToDay, dayToCalendarDate, type TDayPeriod } from "./calendar-day";

/** Two months side by side from Tailwind's `md` width; a phone gets one. */
const TWO_MONTHS_QUERY = "(min-width: 768px)";

const SIDE_BUTTON_CLASS =
  "rounded-md px-2 py-1.5 text-left text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-brand-500";

type TDateRangePanelProps = TDayPeriod & {
  timeZone: string;
  onChoose: (period: TDayPeriod) => void;
};

/**
 * The open period picker: presets, a clear button and a range calendar of the workspace's days.
 * A choice applies at once and closes the popover.
 */
export function DateRangePanel({ from, to, timeZone, onChoose }: TDateRangePanelProps) {
  const t = useTranslations("datePicker");
  const close = usePopoverClose();
  const choose = (period: TDayPeriod) => {
    onChoose(period);
    close();
  };
  // Mounted on opening, so «now» is the moment the picker opened.
  const [now] = useState(() => new Date());
  const today = dayToCalendarDate(getTodayIn(timeZone, now));
  const [draft, setDraft] = useState<DateRange | undefined>(
    from && to ? { from: dayToCalendarDate(from), to: dayToCalendarDate(to) } : undefined,
  );
  const monthCount = useMediaQuery(TWO_MONTHS_QUERY) ? 2 : 1;
  const activePreset = findMatchingPreset({ from, to }, timeZone, now);
  const lastChosenDay = to ?? from;
  // The right-hand month is the one the period ends in, or this month.
  const defaultMonth = subMonths(
    lastChosenDay ? dayToCalendarDate(lastChosenDay) : today,
    monthCount - 1,
  );

  // With `resetOnSelect` a click either starts a period (`from` alone) or ends it; only an ended
  // period is applied, so the table does not reload on the first click.
  const selectRange = (range: DateRange | undefined) => {
    if (range?.from && range.to)
      choose({ from: calendarDateToDay(range.from), to: calendarDateToDay(range.to) });
    else setDraft(range);
  };

  return (
    <div className="flex flex-col gap-3 p-1 md:flex-row">
      <div className="flex flex-col gap-2 md:w-44 md:border-r md:border-slate-100 md:pr-3">
        <div
          role="group"
          aria-label={t("presetsLabel")}
          className="flex flex-wrap gap-1 md:flex-col"
        >
          {PERIOD_PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              aria-pressed={preset === activePreset}
              onClick={() => choose(getPresetRange(preset, timeZone, now))}
              className={cn(
                SIDE_BUTTON_CLASS,
                preset === activePreset
                  ? "bg-brand-50 font-medium text-brand-700"
                  : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {t(`presets.${preset}`)}
            </button>
          ))}
        </div>
        {from || to ? (
          <button
            type="button"
            onClick={() => choose({ from: null, to: null })}
            className={cn(SIDE_BUTTON_CLASS, "text-brand-700 hover:bg-brand-50 md:mt-auto")}
          >
            {t("clear")}
          </button>
        ) : null}
      </div>
      <Calendar
        mode="range"
        resetOnSelect
        selected={draft}
        onSelect={selectRange}
        numberOfMonths={monthCount}
        defaultMonth={defaultMonth}
        endMonth={today}
        today={today}
        disabled={{ after: today }}
        autoFocus
        footer={draft?.from && !draft.to ? t("pickEnd") : t("pickStart")}
      />
    </div>
  );
}

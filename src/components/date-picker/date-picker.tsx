"use client";

import { useState } from "react";

import { Popover, usePopoverClose } from "@/components/data-table/popover";
import { getTodayIn } from "@/lib/period-presets";

import { Calendar } from "./calendar";
import { calendarDateToDay, dayToCalendarDate } from "./calendar-day";
import { useDayText } from "./use-day-text";

type TDatePickerProps = {
  label: string;
  /** A calendar day `YYYY-MM-DD`. */
  day: string;
  /** The zone whose «today» is the last day offered. */
  timeZone: string;
  onChange: (day: string) => void;
};

/** One past day (where an import starts), on the same calendar as the period filters. */
export function DatePicker({ label, day, timeZone, onChange }: TDatePickerProps) {
  const text = useDayText();
  const shown = text.day(day);
  return (
    <Popover ariaLabel={`${label}: ${shown}`} panelLabel={label} trigger={<span>{shown}</span>}>
      <DayPanel day={day} timeZone={timeZone} onChoose={onChange} />
    </Popover>
  );
}

function DayPanel({
  day,
  timeZone,
  onChoose,
}: {
  day: string;
  timeZone: string;
  onChoose: (day: string) => void;
}) {
  // Mounted on opening, so «today» is the day the picker opened.
  const [today] = useState(() => dayToCalendarDate(getTodayIn(timeZone, new Date())));
  const close = usePopoverClose();
  const selected = dayToCalendarDate(day);
  return (
    <Calendar
      mode="single"
      required
      selected={selected}
      onSelect={(date) => {
        onChoose(calendarDateToDay(date));
        close();
      }}
      defaultMonth={selected}
      endMonth={today}
      today={today}
      disabled={{ after: today }}
      autoFocus
    />
  );
}

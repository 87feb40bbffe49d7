"use client";

import { Popover } from "@/components/data-table/popover";

import type { TDayPeriod } from "./calendar-day";
import { DateRangePanel } from "./date-range-panel";
import { useDayText } from "./use-day-text";

type TDateRangePickerProps = TDayPeriod & {
  label: string;
  /** The workspace's zone: «today» and the presets are its days, whatever the browser's clock says. */
  timeZone: string;
  onChange: (period: TDayPeriod) => void;
};

/**
 * The one period picker of the app's filters: a button saying the chosen days in the interface
 * language, opening presets and a range calendar. A choice applies at once and closes it.
 */
export function DateRangePicker({ label, from, to, timeZone, onChange }: TDateRangePickerProps) {
  const { period } = useDayText();
  const summary = period(from, to);
  return (
    <Popover
      ariaLabel={`${label}: ${summary}`}
      panelLabel={label}
      isActive={Boolean(from || to)}
      trigger={<span className="truncate">{summary}</span>}
    >
      <DateRangePanel from={from} to={to} timeZone={timeZone} onChoose={onChange} />
    </Popover>
  );
}

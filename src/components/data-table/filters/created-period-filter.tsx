"use client";

import { FILTER_WIDE_CLASS } from "@/components/data-table/filters/filter-bar";
import { DateRangePicker } from "@/components/date-picker/date-range-picker";

type TCreatedPeriodFilterProps = {
  label: string;
  /** Calendar days `YYYY-MM-DD` of the workspace, both included (the URL's `from` and `to`). */
  createdFrom: string | null;
  createdTo: string | null;
  timeZone: string;
  onChange: (range: { createdFrom: string | null; createdTo: string | null }) => void;
};

/** The «created» period of a table, chosen on the date-range picker; two columns wide, to fit «1–15 нояб. 2026 г.». */
export function CreatedPeriodFilter({
  label,
  createdFrom,
  createdTo,
  timeZone,
  onChange,
}: TCreatedPeriodFilterProps) {
  return (
    <div className={`${FILTER_WIDE_CLASS} space-y-1`}>
      <span className="block text-sm font-medium text-slate-700">{label}</span>
      <DateRangePicker
        label={label}
        from={createdFrom}
        to={createdTo}
        timeZone={timeZone}
        onChange={({ from, to }) => onChange({ createdFrom: from, createdTo: to })}
      />
    </div>
  );
}

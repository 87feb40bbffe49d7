"use client";

import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";

type TCreatedPeriodFilterProps = {
  labels: { from: string; to: string };
  /** Calendar days `YYYY-MM-DD`, both included. */
  createdFrom: string | null;
  createdTo: string | null;
  onChange: (range: { createdFrom?: string | null; createdTo?: string | null }) => void;
};

/** The «created» day range of a table; each bound keeps the other from crossing it. */
export function CreatedPeriodFilter({
  labels,
  createdFrom,
  createdTo,
  onChange,
}: TCreatedPeriodFilterProps) {
  return (
    <>
      <FilterField label={labels.from}>
        <input
          type="date"
          value={createdFrom ?? ""}
          max={createdTo ?? undefined}
          onChange={(event) => onChange({ createdFrom: event.target.value || null })}
          className={FILTER_CONTROL_CLASS}
        />
      </FilterField>
      <FilterField label={labels.to}>
        <input
          type="date"
          value={createdTo ?? ""}
          min={createdFrom ?? undefined}
          onChange={(event) => onChange({ createdTo: event.target.value || null })}
          className={FILTER_CONTROL_CLASS}
        />
      </FilterField>
    </>
  );
}

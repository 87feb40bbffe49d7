"use client";

import { DebouncedInput } from "@/components/data-table/filters/debounced-input";
import { FILTER_WIDE_CLASS } from "@/components/data-table/filters/filter-bar";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";

const trim = (text: string) => text.trim();

/** The free-text search of a table (two grid columns wide where the bar has them); committed trimmed once typing pauses. */
export const SearchFilter = ({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (search: string) => void;
}) => (
  <FilterField label={label} className={`${FILTER_WIDE_CLASS} block space-y-1`}>
    <DebouncedInput
      type="search"
      value={value}
      maxLength={100}
      placeholder={placeholder}
      onCommit={(search) => onChange(trim(search))}
      normalize={trim}
      className={FILTER_CONTROL_CLASS}
    />
  </FilterField>
);

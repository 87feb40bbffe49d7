"use client";

import { DebouncedInput } from "@/components/data-table/filters/debounced-input";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";
import {
  formatUtmValues,
  parseUtmText,
  type TUtmFilterState,
} from "@/components/data-table/utm-url-params";
import { UTM_FIELDS, type TUtmField } from "@/server/domain/lists/traffic-filters";

/** Keeps a half-typed list («yandex, ») as typed while it means the committed values. */
const normalizeUtmText = (text: string) => formatUtmValues(parseUtmText(text));

/** One box per UTM tag, values typed comma-separated; a row matches any of them exactly. */
export function UtmFilters({
  values,
  labelOf,
  placeholder,
  onChange,
}: {
  values: TUtmFilterState;
  labelOf: (field: TUtmField) => string;
  placeholder: string;
  onChange: (patch: Partial<TUtmFilterState>) => void;
}) {
  return UTM_FIELDS.map((field) => (
    <FilterField key={field} label={labelOf(field)}>
      <DebouncedInput
        value={formatUtmValues(values[field])}
        placeholder={placeholder}
        onCommit={(text) => onChange({ [field]: parseUtmText(text) })}
        normalize={normalizeUtmText}
        className={FILTER_CONTROL_CLASS}
      />
    </FilterField>
  ));
}

"use client";

import { useTranslations } from "next-intl";

import { DebouncedInput } from "@/components/data-table/filters/debounced-input";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";

import { formatUtmValues, parseUtmText, type TUtmFilterField } from "./leads-url-state";

/** Keeps a half-typed list («yandex, ») as typed while it means the committed values. */
const normalizeUtmText = (text: string) => formatUtmValues(parseUtmText(text));

/** One UTM tag's values, typed comma-separated; a lead matches any of them exactly. */
export function LeadUtmFilter({
  field,
  values,
  onChange,
}: {
  field: TUtmFilterField;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const t = useTranslations("leads.filters");
  return (
    <FilterField label={t(field)}>
      <DebouncedInput
        value={formatUtmValues(values)}
        placeholder={t("utmPlaceholder")}
        onCommit={(text) => onChange(parseUtmText(text))}
        normalize={normalizeUtmText}
        className={FILTER_CONTROL_CLASS}
      />
    </FilterField>
  );
}

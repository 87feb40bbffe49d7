"use client";

import { useTranslations } from "next-intl";

import { DebouncedInput } from "@/components/data-table/filters/debounced-input";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";

const toText = (roubles: number | null) => (roubles === null ? "" : String(roubles));

/** Typed roubles; anything that is not a non-negative number means «no bound». */
const toRoubles = (text: string): number | null => {
  const value = Number(text.trim().replace(",", "."));
  return text.trim() === "" || !Number.isFinite(value) || value < 0 ? null : value;
};

/** Deal amount bounds in major units of the workspace currency. */
export function DealAmountFilter({
  min,
  max,
  onChange,
}: {
  min: number | null;
  max: number | null;
  onChange: (bounds: { amountMin?: number | null; amountMax?: number | null }) => void;
}) {
  const t = useTranslations("deals.filters");
  return (
    <>
      <FilterField label={t("amountMin")}>
        <DebouncedInput
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          placeholder="0"
          value={toText(min)}
          onCommit={(text) => onChange({ amountMin: toRoubles(text) })}
          className={FILTER_CONTROL_CLASS}
        />
      </FilterField>
      <FilterField label={t("amountMax")}>
        <DebouncedInput
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          placeholder="∞"
          value={toText(max)}
          onCommit={(text) => onChange({ amountMax: toRoubles(text) })}
          className={FILTER_CONTROL_CLASS}
        />
      </FilterField>
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";

/** The «created in CRM» day range, both days included. */
export function DealPeriodFilter({ from, to, onChange }: { from: string | null; to: string | null; onChange: (range: { createdFrom?: string | null; createdTo?: string | null }) => void }) {
  const t = useTranslations("deals.filters");
  return (
    <>
      <FilterField label={t("createdFrom")}>
        <input type="date" value={from ?? ""} max={to ?? undefined} onChange={(event) => onChange({ createdFrom: event.target.value || null })} className={FILTER_CONTROL_CLASS} />
      </FilterField>
      <FilterField label={t("createdTo")}>
        <input type="date" value={to ?? ""} min={from ?? undefined} onChange={(event) => onChange({ createdTo: event.target.value || null })} className={FILTER_CONTROL_CLASS} />
      </FilterField>
    </>
  );
}

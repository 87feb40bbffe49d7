import type { ReactNode } from "react";

/** A filter taking two grid columns where there are two or more (search, chip groups). */
export const FILTER_WIDE_CLASS = "sm:col-span-2";

/** The filter panel above a table: stacked on a phone, then two, four and six filters a row. */
export const FilterBar = ({ label, children }: { label: string; children: ReactNode }) => (
  <section
    aria-label={label}
    data-testid="filter-bar"
    className="grid grid-cols-1 gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 md:grid-cols-4 xl:grid-cols-6"
  >
    {children}
  </section>
);

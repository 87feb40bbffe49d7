import type { ReactNode } from "react";

/** The look of a text, number or date control in a filter bar, level with the dropdown filters. */
export const FILTER_CONTROL_CLASS =
  "block h-9 w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200";

/** A filter control with its label; the wrapping label gives the control its accessible name. */
export const FilterField = ({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) => (
  <label className={className ?? "block space-y-1"}>
    <span className="block text-sm font-medium text-slate-700">{label}</span>
    {children}
  </label>
);

import type { ReactNode } from "react";

/** One checkable line of a menu (column visibility, multi-select filters). */
export const CheckboxOption = ({
  label,
  isChecked,
  onChange,
}: {
  label: ReactNode;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}) => (
  <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
    <input
      type="checkbox"
      checked={isChecked}
      onChange={(event) => onChange(event.target.checked)}
      className="size-4 rounded border-slate-300 accent-brand-600"
    />
    <span className="whitespace-nowrap">{label}</span>
  </label>
);

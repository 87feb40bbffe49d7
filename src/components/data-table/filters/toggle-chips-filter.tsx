"use client";

import { cn } from "@/lib/cn";

export type TToggleChip = { value: string; label: string; activeClassName: string };

/** A few mutually compatible on/off choices shown at once (e.g. stage groups). */
export function ToggleChipsFilter({
  label,
  chips,
  selected,
  onChange,
}: {
  label: string;
  chips: readonly TToggleChip[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}) {
  return (
    <div role="group" aria-label={label} className="space-y-1">
      <span aria-hidden="true" className="block text-sm font-medium text-slate-700">
        {label}
      </span>
      <div className="flex flex-wrap gap-1.5">
        {chips.map((chip) => {
          const isOn = selected.includes(chip.value);
          return (
            <button
              key={chip.value}
              type="button"
              aria-pressed={isOn}
              onClick={() =>
                onChange(
                  isOn
                    ? selected.filter((value) => value !== chip.value)
                    : [...selected, chip.value],
                )
              }
              className={cn(
                "h-9 rounded-full border px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
                isOn
                  ? chip.activeClassName
                  : "border-slate-300 bg-white text-slate-600 hover:bg-slate-50",
              )}
            >
              {chip.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { CheckboxOption } from "@/components/data-table/checkbox-option";
import { Popover } from "@/components/data-table/popover";

export type TFilterOption = { value: string; label: string };

type TMultiSelectFilterProps = {
  label: string;
  options: readonly TFilterOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
};

/** A labelled dropdown of checkboxes; nothing checked means no restriction. */
export function MultiSelectFilter({ label, options, selected, onChange }: TMultiSelectFilterProps) {
  const t = useTranslations("table");
  const chosen = options.filter((option) => selected.includes(option.value));
  const summary =
    chosen.length === 0
      ? t("any")
      : chosen.length === 1
        ? (chosen[0]?.label ?? "")
        : t("selectedCount", { count: chosen.length });
  const toggle = (value: string, isChecked: boolean) =>
    onChange(isChecked ? [...selected, value] : selected.filter((item) => item !== value));
  return (
    <div className="space-y-1">
      <span className="block text-sm font-medium text-slate-700">{label}</span>
      <Popover
        ariaLabel={`${label}: ${summary}`}
        isActive={chosen.length > 0}
        trigger={<span className="truncate">{summary}</span>}
      >
        {options.length === 0 ? (
          <p className="px-2 py-1.5 text-sm text-slate-500">{t("noOptions")}</p>
        ) : null}
        <div className="max-h-72 overflow-y-auto">
          {options.map((option) => (
            <CheckboxOption
              key={option.value}
              label={option.label}
              isChecked={selected.includes(option.value)}
              onChange={(isChecked) => toggle(option.value, isChecked)}
            />
          ))}
        </div>
        {selected.length > 0 ? (
          <div className="mt-1 border-t border-slate-100 pt-1">
            <button
              type="button"
              onClick={() => onChange([])}
              className="w-full rounded px-2 py-1.5 text-left text-sm text-brand-700 hover:bg-brand-50"
            >
              {t("clearSelection")}
            </button>
          </div>
        ) : null}
      </Popover>
    </div>
  );
}

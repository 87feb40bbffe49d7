"use client";

import { useTranslations } from "next-intl";

import { CheckboxOption } from "@/components/data-table/checkbox-option";
import { Popover } from "@/components/data-table/popover";

export type TColumnToggle = { id: string; label: string; isVisible: boolean };

/** The «Columns» menu: one checkbox per hideable column and a way back to all of them. */
export function ColumnVisibilityMenu({
  columns,
  onToggle,
  onShowAll,
}: {
  columns: TColumnToggle[];
  onToggle: (id: string, isVisible: boolean) => void;
  onShowAll: () => void;
}) {
  const t = useTranslations("table");
  const hiddenCount = columns.filter((column) => !column.isVisible).length;
  return (
    <Popover
      align="end"
      isActive={hiddenCount > 0}
      trigger={
        <span>
          {t("columns")}
          {hiddenCount > 0 ? ` · ${t("hiddenCount", { count: hiddenCount })}` : ""}
        </span>
      }
    >
      <div className="max-h-80 overflow-y-auto">
        {columns.map((column) => (
          <CheckboxOption
            key={column.id}
            label={column.label}
            isChecked={column.isVisible}
            onChange={(isVisible) => onToggle(column.id, isVisible)}
          />
        ))}
      </div>
      <div className="mt-1 border-t border-slate-100 pt-1">
        <button
          type="button"
          onClick={onShowAll}
          disabled={hiddenCount === 0}
          className="w-full rounded px-2 py-1.5 text-left text-sm text-brand-700 hover:bg-brand-50 disabled:text-slate-400 disabled:hover:bg-transparent"
        >
          {t("showAllColumns")}
        </button>
      </div>
    </Popover>
  );
}

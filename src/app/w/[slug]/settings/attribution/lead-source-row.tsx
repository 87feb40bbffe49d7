"use client";

import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import type { TLeadSourceValue } from "@/server/domain/analytics/lead-source-mapping";

export type TSourceOption = { id: string; label: string };

/** One declared value: its deals, the source it maps to (picked from a select) and a way to unmap it. */
export function LeadSourceRow({
  value,
  sources,
  isSaving,
  onMap,
  onUnmap,
}: {
  value: TLeadSourceValue;
  sources: TSourceOption[];
  isSaving: boolean;
  onMap: (sourceId: string) => void;
  onUnmap: () => void;
}) {
  const t = useTranslations("attribution");
  return (
    <tr className="border-b border-slate-100 last:border-0" data-testid="lead-source-row">
      <td className="py-2 pr-4">
        <span className="font-medium text-slate-900">{value.label}</span>
        {value.sourceId === null ? (
          <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-700">
            {t("unmapped")}
          </span>
        ) : null}
      </td>
      <td className="py-2 pr-4 text-slate-700">
        {value.dealCount}
        {value.fallbackDealCount > 0 ? (
          <span className="block text-xs text-slate-500">
            {t("fallbackDeals", { count: value.fallbackDealCount })}
          </span>
        ) : null}
      </td>
      <td className="py-2 pr-4">
        <select
          aria-label={t("mapTo", { value: value.label })}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          value={value.sourceId ?? ""}
          disabled={isSaving}
          onChange={(event) => event.target.value && onMap(event.target.value)}
        >
          {value.sourceId === null ? <option value="">{t("notMapped")}</option> : null}
          {sources.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </td>
      <td className="py-2 text-right">
        {value.sourceId !== null ? (
          <Button
            variant="ghost"
            size="sm"
            aria-label={t("unmapLabel", { value: value.label })}
            disabled={isSaving}
            onClick={onUnmap}
          >
            {t("unmap")}
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

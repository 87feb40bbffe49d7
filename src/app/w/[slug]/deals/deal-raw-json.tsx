"use client";

import { useTranslations } from "next-intl";
import { DetailSection } from "@/components/data-table/detail-section";

/** The appointment exactly as Klientiks sent it, for support and for fields the table does not show. */
export function DealRawJson({ raw }: { raw: unknown }) {
  const t = useTranslations("deals.drawer");
  return (
    <DetailSection title={t("sections.raw")}>
      <details className="group rounded-md border border-slate-200">
        <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50">{t("showRaw")}</summary>
        <pre data-testid="deal-raw-json" className="max-h-96 overflow-auto border-t border-slate-200 bg-slate-900 p-4 font-mono text-xs leading-5 text-slate-100">{JSON.stringify(raw, null, 2)}</pre>
      </details>
    </DetailSection>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";

import { NumberRow } from "./site-call-tracking-card";
import type { TNumberView, TOption } from "./use-call-tracking";

const labelOf = (options: TOption[], id: string | null) =>
  id ? (options.find((option) => option.id === id)?.label ?? "—") : null;

/** Static numbers: each shown to the visits of its source or campaign (on its site, if set). */
export function StaticNumbersTable({
  numbers,
  options,
  onEdit,
}: {
  numbers: TNumberView[];
  options: { sites: TOption[]; sources: TOption[]; campaigns: TOption[] };
  onEdit: (number: TNumberView) => void;
}) {
  const t = useTranslations("callTracking");
  return (
    <section className="space-y-2" data-testid="ct-static-numbers">
      <h2 className="text-lg font-semibold">{t("staticTitle")}</h2>
      <p className="text-sm text-slate-600">{t("staticHint")}</p>
      <Card isFlush>
        {numbers.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">{t("noStatic")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {numbers.map((number) => (
              <NumberRow key={number.id} number={number} onEdit={onEdit}>
                {[
                  labelOf(options.campaigns, number.campaignId) ??
                    labelOf(options.sources, number.sourceId),
                  labelOf(options.sites, number.siteId) ?? t("anySite"),
                ].join(" · ")}
              </NumberRow>
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}

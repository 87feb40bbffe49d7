"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useSourceLabel } from "../sites/use-source-label";
import { AddLeadSourceForm } from "./add-lead-source-form";
import { LeadSourceRow, type TSourceOption } from "./lead-source-row";
import { useRefreshAfterAttributionChange } from "./use-attribution-change";

/**
 * The client sources declared in Klientiks and the workspace source each maps to (deal-attribution
 * §7); unmapped values come first. Picking a source saves at once, as does removing a mapping.
 */
export function LeadSourceMappings() {
  const t = useTranslations("attribution");
  const trpc = useTRPC();
  const sourceLabel = useSourceLabel();
  const refresh = useRefreshAfterAttributionChange();
  const { formError } = useErrorText();
  const values = useQuery(trpc.attribution.leadSources.queryOptions());
  const sources = useQuery(trpc.sites.sources.queryOptions());
  const map = useMutation(trpc.attribution.mapLeadSource.mutationOptions({ onSuccess: refresh }));
  const unmap = useMutation(
    trpc.attribution.unmapLeadSource.mutationOptions({ onSuccess: refresh }),
  );
  const mapValue = (value: string, sourceId: string) => {
    unmap.reset();
    map.mutate({ value, sourceId });
  };
  const unmapValue = (value: string) => {
    map.reset();
    unmap.mutate({ value });
  };
  const options: TSourceOption[] = (sources.data ?? []).map((source) => ({
    id: source.id,
    label: sourceLabel(source),
  }));
  const isSaving = map.isPending || unmap.isPending;
  // Only the latest action's outcome is shown: each mutation resets the other.
  const saved = map.data ?? unmap.data;

  return (
    <Card className="space-y-4" data-testid="lead-source-mappings">
      <CardHeading title={t("leadSourcesTitle")} hint={t("leadSourcesHint")} />
      <FormError message={formError(map.error ?? unmap.error)} />
      {values.data && values.data.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">{t("leadSourceValue")}</th>
                <th className="py-2 pr-4">{t("leadSourceDeals")}</th>
                <th className="py-2 pr-4">{t("leadSourceSource")}</th>
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {values.data.map((value) => (
                <LeadSourceRow
                  key={value.key}
                  value={value}
                  sources={options}
                  isSaving={isSaving}
                  onMap={(sourceId) => mapValue(value.key, sourceId)}
                  onUnmap={() => unmapValue(value.key)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : values.data ? (
        <p className="text-sm text-slate-600">{t("leadSourcesEmpty")}</p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-green-700">
          {saved.recomputeStarted ? t("mappingSaved") : t("mappingSavedOnly")}
        </p>
      ) : null}
      <AddLeadSourceForm sources={options} />
    </Card>
  );
}

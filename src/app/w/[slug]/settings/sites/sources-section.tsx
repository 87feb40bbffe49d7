"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { useTRPC } from "@/trpc/react";

import { useSourceLabel } from "./use-source-label";

export function SourcesSection() {
  const t = useTranslations("sites");
  const sourceLabel = useSourceLabel();
  const trpc = useTRPC();
  const sources = useQuery(trpc.sites.sources.queryOptions());
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{t("sourcesTitle")}</h2>
      <p className="text-sm text-slate-600">{t("sourcesHint")}</p>
      <Card isFlush>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-3">{t("sourceName")}</th>
              <th className="px-4 py-3">{t("sourceChannel")}</th>
              <th className="px-4 py-3">{t("sourceUtm")}</th>
            </tr>
          </thead>
          <tbody>
            {sources.data?.map((source) => (
              <tr
                key={source.id}
                className="border-b border-slate-100 last:border-0"
                data-testid="source-row"
              >
                <td className="px-4 py-2 font-medium">{sourceLabel(source)}</td>
                <td className="px-4 py-2 text-slate-600">{t(`channels.${source.channel}`)}</td>
                <td className="px-4 py-2 font-mono text-xs text-slate-600">
                  {source.utmSources.join(", ") || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </section>
  );
}

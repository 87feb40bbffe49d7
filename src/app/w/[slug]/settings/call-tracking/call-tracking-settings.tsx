"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { useTRPC } from "@/trpc/react";

import { useSourceLabel } from "../sites/use-source-label";
import { CallRulesForm } from "./call-rules-form";
import { NumberForm } from "./number-form";
import { PoolCalculator } from "./pool-calculator";
import { SiteCallTrackingCard } from "./site-call-tracking-card";
import { StaticNumbersTable } from "./static-numbers-table";
import type { TNumberView } from "./use-call-tracking";

/** Settings → Call tracking: per-site cards, static numbers, the number form, calculator and rules. */
export function CallTrackingSettings({ timeZone }: { timeZone: string }) {
  const t = useTranslations("callTracking");
  const trpc = useTRPC();
  const sourceLabel = useSourceLabel();
  const overview = useQuery(trpc.callTracking.overview.queryOptions());
  const sources = useQuery(trpc.sites.sources.queryOptions());
  const campaigns = useQuery(trpc.sites.campaigns.queryOptions());
  const [editing, setEditing] = useState<TNumberView | null>(null);
  if (!overview.data) return null;
  const { sites, numbers, settings } = overview.data;
  const options = {
    sites: sites.map((site) => ({ id: site.id, label: site.domain })),
    sources: (sources.data ?? []).map((source) => ({ id: source.id, label: sourceLabel(source) })),
    campaigns: (campaigns.data ?? []).map((campaign) => ({
      id: campaign.id,
      label: campaign.name,
    })),
  };
  const edit = (number: TNumberView) => {
    setEditing(number);
    document.getElementById("ct-number-form")?.scrollIntoView({ behavior: "smooth" });
  };

  return (
    <div className="max-w-5xl space-y-10">
      <section className="space-y-4">
        <h2 className="text-lg font-semibold">{t("sitesTitle")}</h2>
        {sites.length === 0 ? <p className="text-sm text-slate-600">{t("noSites")}</p> : null}
        {sites.map((site) => (
          <SiteCallTrackingCard
            key={site.id}
            site={site}
            numbers={numbers.filter(
              (number) => number.siteId === site.id && number.usage !== "static",
            )}
            timeZone={timeZone}
            onEdit={edit}
          />
        ))}
      </section>
      <StaticNumbersTable
        numbers={numbers.filter((number) => number.usage === "static")}
        options={options}
        onEdit={edit}
      />
      <div id="ct-number-form">
        <NumberForm
          key={editing?.id ?? "new"}
          editing={editing}
          options={options}
          onDone={() => setEditing(null)}
        />
      </div>
      <PoolCalculator />
      <CallRulesForm settings={settings} />
    </div>
  );
}

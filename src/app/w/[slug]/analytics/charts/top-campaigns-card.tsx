"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";

import { formatMoney } from "@/lib/format-money";

import type { TAnalyticsReport } from "../analytics-types";
import { ChartCard } from "./chart-card";
import { formatPercent } from "./chart-formats";
import { RankedBarsChart } from "./ranked-bars-chart";
import { topCampaignsByRevenue, topCampaignsByRomi } from "./top-campaigns";
import { useCampaignLabel } from "./use-campaign-label";

const GAIN_COLOUR = "#10b981"; // emerald-500
const LOSS_COLOUR = "#f43f5e"; // rose-500

const RANKINGS = {
  revenue: { messages: "topRevenue", testId: "chart-top-revenue", rank: topCampaignsByRevenue },
  romi: { messages: "topRomi", testId: "chart-top-romi", rank: topCampaignsByRomi },
} as const;

/** The period's best campaigns by revenue or by ROMI (a fraction shown as a percentage). */
export function TopCampaignsCard({
  report,
  ranking,
  currency,
}: {
  report: TAnalyticsReport;
  ranking: keyof typeof RANKINGS;
  currency: string;
}) {
  const { messages, testId, rank } = RANKINGS[ranking];
  const t = useTranslations(`analyticsCharts.${messages}`);
  const locale = useLocale();
  const campaignLabel = useCampaignLabel(report);
  const ranked = useMemo(() => rank(report.rows), [rank, report.rows]);
  const bars = ranked.map(({ row, value }) => ({
    name: campaignLabel(row),
    value,
    valueText:
      ranking === "revenue" ? formatMoney(value, currency, locale) : formatPercent(value, locale),
    fill: value < 0 ? LOSS_COLOUR : GAIN_COLOUR,
  }));
  return (
    <ChartCard
      testId={testId}
      messages={messages}
      summaryValues={{
        ranking: bars.map(({ name, valueText }) => `${name} — ${valueText}`).join("; "),
      }}
      isEmpty={bars.length === 0}
    >
      <RankedBarsChart bars={bars} valueName={t("valueName")} />
    </ChartCard>
  );
}

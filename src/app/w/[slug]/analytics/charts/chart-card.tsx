"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

/** Each chart's messages under `analyticsCharts`: title, caption, summary and empty text. */
export type TChartMessages =
  "revenueByDay" | "communicationsByDay" | "funnel" | "topRevenue" | "topRomi";

type TChartCardProps = {
  testId: string;
  messages: TChartMessages;
  /**
   * The figures of the summary a screen reader hears in place of the chart, whose SVG says nothing
   * useful by itself.
   */
  summaryValues: Record<string, string>;
  /** The period has nothing to draw: the card says so in place of the chart. */
  isEmpty: boolean;
  children: ReactNode;
  /** The plot's height: recharts sizes itself to its parent, which therefore needs one. */
  plotClassName?: string;
};

/** A chart's card: its title, a one-line caption, and the chart or a word that there is no data. */
export function ChartCard({
  testId,
  messages,
  summaryValues,
  isEmpty,
  children,
  plotClassName = "h-64",
}: TChartCardProps) {
  const t = useTranslations(`analyticsCharts.${messages}`);
  return (
    <Card className="min-w-0">
      <figure
        aria-label={isEmpty ? t("empty") : t("summary", summaryValues)}
        data-testid={testId}
        data-empty={isEmpty}
      >
        <figcaption>
          <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
          <p className="text-sm text-slate-600">{t("caption")}</p>
        </figcaption>
        {isEmpty ? (
          <p
            className={cn(
              "mt-4 flex items-center justify-center rounded-md border border-dashed border-slate-200 text-sm text-slate-500",
              plotClassName,
            )}
          >
            {t("empty")}
          </p>
        ) : (
          <div className={cn("mt-4", plotClassName)}>{children}</div>
        )}
      </figure>
    </Card>
  );
}

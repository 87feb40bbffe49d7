"use client";

import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { changeFrom, deriveReportMetrics, type TCountedFigures } from "@/lib/report-metrics";

import { FigureValue } from "./figure-value";
import { rawRowsHref, type TRawRowsTarget } from "./raw-row-links";
import type { TFigureKind } from "./report-columns";
import type { TReportNode } from "./report-tree";
import { useReportFormat } from "./use-report-format";

type THeadline = {
  key: string;
  kind: TFigureKind;
  pick: (figures: TCountedFigures) => number | null;
  target?: TRawRowsTarget;
  isCost?: boolean;
};

const metric = (key: keyof ReturnType<typeof deriveReportMetrics>) => (figures: TCountedFigures) =>
  deriveReportMetrics(figures)[key];

const HEADLINES: THeadline[] = [
  { key: "visits", kind: "count", pick: (f) => f.visits },
  { key: "communications", kind: "count", pick: metric("communications"), target: "bookings" },
  { key: "newClients", kind: "count", pick: (f) => f.newClients },
  { key: "deals", kind: "count", pick: (f) => f.deals, target: "deals" },
  { key: "wonDeals", kind: "count", pick: (f) => f.wonDeals, target: "wonDeals" },
  { key: "revenueMinor", kind: "money", pick: (f) => f.revenueMinor, target: "wonDeals" },
  { key: "averageCheckMinor", kind: "money", pick: metric("averageCheckMinor") },
  { key: "costMinor", kind: "money", pick: (f) => f.costMinor, isCost: true },
  { key: "romi", kind: "ratio", pick: metric("romi"), isCost: true },
];

const CONVERSIONS = ["visitToCommunication", "communicationToDeal", "dealToWon"] as const;

/** The period's totals in cards, each with its change from the period before and a link to its rows. */
export function HeadlineFigures({
  total,
  slug,
  period,
  currency,
  showsCosts,
}: {
  total: Pick<TReportNode, "current" | "previous" | "group" | "children">;
  slug: string;
  period: { from: string; to: string };
  currency: string;
  showsCosts: boolean;
}) {
  const t = useTranslations("analytics");
  const format = useReportFormat(currency);
  const current = deriveReportMetrics(total.current);
  return (
    <section
      aria-label={t("levels.total")}
      className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5"
    >
      {HEADLINES.filter((headline) => showsCosts || !headline.isCost).map((headline) => {
        const [now, before] = [headline.pick(total.current), headline.pick(total.previous)];
        const change = changeFrom(now, before);
        const name = t(`figures.${headline.key}`);
        const href = headline.target
          ? rawRowsHref(slug, period, { ...total, level: "total" }, headline.target)
          : null;
        return (
          <Card key={headline.key} className="p-4" data-testid={`headline-${headline.key}`}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{name}</p>
            <p className="mt-1 text-xl font-semibold text-slate-900">
              <FigureValue
                text={format(now, headline.kind)}
                href={href}
                label={t("headline.openRows", { name })}
              />
            </p>
            <p className={changeClass(change)}>
              {change === null
                ? t("headline.noChange")
                : t("headline.change", {
                    change: `${change > 0 ? "+" : ""}${format(change, "ratio")}`,
                  })}
            </p>
          </Card>
        );
      })}
      <Card className="p-4" data-testid="headline-conversion">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
          {t("headline.conversion")}
        </p>
        <dl className="mt-1 space-y-0.5 text-sm">
          {CONVERSIONS.map((key) => (
            <div key={key} className="flex justify-between gap-2">
              <dt className="text-slate-600">{t(`headline.${key}`)}</dt>
              <dd className="font-medium text-slate-900">{format(current[key], "ratio")}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {showsCosts ? null : (
        <Card className="p-4 text-sm text-slate-500">{t("headline.costsHidden")}</Card>
      )}
    </section>
  );
}

const changeClass = (change: number | null) =>
  change === null || change === 0
    ? "mt-1 text-xs text-slate-500"
    : change > 0
      ? "mt-1 text-xs text-emerald-700"
      : "mt-1 text-xs text-rose-700";

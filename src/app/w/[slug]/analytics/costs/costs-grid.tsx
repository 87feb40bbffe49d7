"use client";

import { useLocale, useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { formatMoney } from "@/lib/format-money";

import { useSourceLabel } from "../../settings/sites/use-source-label";
import type { TCostGrid } from "./cost-types";
import { MonthCostInput, MonthCostText } from "./month-cost-cell";

const monthLabelOf = (month: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** Campaigns down, the last twelve months across; a cell per month, editable for managers. */
export function CostsGrid({ grid, currency }: { grid: TCostGrid; currency: string }) {
  const t = useTranslations("costs");
  const locale = useLocale();
  const sourceLabel = useSourceLabel();
  const months = grid.months.map((month) => ({ month, label: monthLabelOf(month, locale) }));
  const totalOf = (month: string) =>
    grid.campaigns.reduce((sum, campaign) => {
      const cost = campaign.costs.find((cell) => cell.month === month);
      return sum + (cost?.manualMinor ?? 0n) + (cost?.importedMinor ?? 0n);
    }, 0n);

  return (
    <section className="space-y-3">
      <CardHeading
        title={t("gridTitle")}
        hint={t(grid.canEdit ? "gridHint" : "gridHintReadOnly", { currency })}
      />
      <Card isFlush>
        {grid.campaigns.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">{t("noCampaigns")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="costs-grid">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="sticky left-0 bg-white px-4 py-3 text-left">{t("campaign")}</th>
                {months.map(({ month, label }) => (
                  <th key={month} className="whitespace-nowrap px-2 py-3 text-right">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.campaigns.map((campaign) => (
                <tr
                  key={campaign.id}
                  className="border-b border-slate-100 align-top"
                  data-testid="costs-row"
                >
                  <th
                    scope="row"
                    className="sticky left-0 bg-white px-4 py-2 text-left font-normal"
                  >
                    <span className="block font-medium text-slate-900">{campaign.name}</span>
                    <span className="block text-xs text-slate-500">
                      {sourceLabel({
                        name: campaign.sourceName,
                        presetKey: campaign.sourcePresetKey,
                      })}
                    </span>
                  </th>
                  {months.map(({ month, label }) => {
                    const cost = campaign.costs.find((cell) => cell.month === month);
                    return (
                      <td key={month} className="px-2 py-2 text-right tabular-nums">
                        {grid.canEdit ? (
                          <MonthCostInput
                            key={cost?.manualMinor?.toString() ?? "none"}
                            campaignId={campaign.id}
                            label={t("cellLabel", { campaign: campaign.name, month: label })}
                            month={month}
                            cost={cost}
                            currency={currency}
                          />
                        ) : (
                          <MonthCostText cost={cost} currency={currency} />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr className="font-medium" data-testid="costs-total">
                <th scope="row" className="sticky left-0 bg-white px-4 py-2 text-left">
                  {t("total")}
                </th>
                {months.map(({ month }) => (
                  <td key={month} className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
                    {formatMoney(Number(totalOf(month)), currency, locale)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        )}
      </Card>
    </section>
  );
}

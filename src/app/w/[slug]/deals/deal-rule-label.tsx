"use client";

import { useTranslations } from "next-intl";

import type { TDealRow } from "./deal-types";

/** The rule that credited the deal, in words, with what it means on hover (or below, `withHint`). */
export function DealRuleLabel({
  rule,
  withHint = false,
}: {
  rule: TDealRow["attributionRule"];
  withHint?: boolean;
}) {
  const t = useTranslations("deals");
  // A deal stored before attribution existed has no rule until it is recomputed.
  const hint = t(`attributionRuleHints.${rule ?? "none"}`);
  const label = rule ? t(`attributionRules.${rule}`) : t("drawer.notAttributed");
  return withHint ? (
    <span className="text-sm text-slate-900">
      <span data-testid="deal-rule" className="font-medium">
        {label}
      </span>
      <span className="block text-slate-600" data-testid="deal-rule-hint">
        {hint}
      </span>
    </span>
  ) : (
    <span title={hint} className={rule ? undefined : "text-slate-400"}>
      {label}
    </span>
  );
}

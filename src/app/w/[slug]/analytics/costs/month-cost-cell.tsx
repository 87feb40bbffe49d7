"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { formatMoney } from "@/lib/format-money";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { toAmountText } from "./amount-text";
import type { TMonthCost } from "./cost-types";
import { useRefreshAfterCostChange } from "./use-refresh-after-cost-change";

type TCellProps = {
  campaignId: string;
  label: string;
  month: string;
  cost: TMonthCost | undefined;
  currency: string;
};

/** The imported days of the month, shown apart from the amount entered by hand: they add up. */
function ImportedPart({ cost, currency }: { cost: TMonthCost | undefined; currency: string }) {
  const t = useTranslations("costs");
  const locale = useLocale();
  if (!cost?.importedMinor) return null;
  return (
    <span className="block text-xs text-slate-500">
      {t("importedPart", { amount: formatMoney(Number(cost.importedMinor), currency, locale) })}
    </span>
  );
}

/** A month's cost as the agents see it: what was entered and imported, together. */
export function MonthCostText({ cost, currency }: Pick<TCellProps, "cost" | "currency">) {
  const locale = useLocale();
  const total = (cost?.manualMinor ?? 0n) + (cost?.importedMinor ?? 0n);
  return <span>{total ? formatMoney(Number(total), currency, locale) : "—"}</span>;
}

/**
 * A month's cost entered by hand: saved when the field is left or Enter is pressed, if it changed;
 * emptied, it clears the month. Keyed by the saved amount, so a save shows the stored value.
 */
export function MonthCostInput({ campaignId, label, month, cost, currency }: TCellProps) {
  const t = useTranslations("costs");
  const locale = useLocale();
  const trpc = useTRPC();
  const refreshAfterCostChange = useRefreshAfterCostChange();
  const { formError, fieldError } = useErrorText();
  const saved = cost?.manualMinor == null ? "" : toAmountText(cost.manualMinor, locale);
  const [text, setText] = useState(saved);
  const save = useMutation(
    trpc.costs.setMonthly.mutationOptions({
      onSuccess: refreshAfterCostChange,
    }),
  );
  // Enter and the blur that may follow it (or the cell's replacement) must not save twice.
  const isSent = save.isPending || (save.isSuccess && save.variables.amount === text);
  const commit = () => {
    if (!isSent && text.trim() !== saved) save.mutate({ campaignId, month, amount: text });
  };
  const error = save.error ? (fieldError(save.error, "amount") ?? formError(save.error)) : null;
  return (
    <div className="min-w-24">
      <input
        aria-label={label}
        aria-invalid={Boolean(error)}
        inputMode="decimal"
        value={text}
        placeholder="0"
        disabled={save.isPending}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
        className={`w-full rounded border px-2 py-1 text-right text-sm tabular-nums ${
          error ? "border-red-400" : "border-slate-200"
        }`}
      />
      {save.isPending ? <span className="block text-xs text-slate-500">{t("saving")}</span> : null}
      {error ? <span className="block text-xs text-red-600">{error}</span> : null}
      <ImportedPart cost={cost} currency={currency} />
    </div>
  );
}

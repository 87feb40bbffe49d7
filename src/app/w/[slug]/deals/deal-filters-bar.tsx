"use client";

import { useTranslations } from "next-intl";

import { CreatedPeriodFilter } from "@/components/data-table/filters/created-period-filter";
import { FILTER_WIDE_CLASS, FilterBar } from "@/components/data-table/filters/filter-bar";
import { MultiSelectFilter } from "@/components/data-table/filters/multi-select-filter";
import { SearchFilter } from "@/components/data-table/filters/search-filter";
import { ToggleChipsFilter } from "@/components/data-table/filters/toggle-chips-filter";
import { Button } from "@/components/ui/button";

import { DealAmountFilter } from "./deal-amount-filter";
import { DealAttributionFilters } from "./deal-attribution-filters";
import { STAGE_GROUP_CLASS } from "./deal-stage-badge";
import type { TDealFilterOptions } from "./deal-types";
import { STAGE_GROUPS, type TDealsUrlState } from "./deals-url-state";
import { useStageLabel } from "./use-stage-label";

type TFilterPatch = Partial<Omit<TDealsUrlState, "page" | "perPage" | "sort" | "dealId">>;

type TDealFiltersBarProps = {
  state: TDealsUrlState;
  /** The workspace's zone: the period's days are its days. */
  timeZone: string;
  options: TDealFilterOptions | undefined;
  isFiltered: boolean;
  onChange: (patch: TFilterPatch) => void;
  onReset: () => void;
};

/** Every filter of the deals table; each change goes straight to the URL. */
export function DealFiltersBar({
  state,
  timeZone,
  options,
  isFiltered,
  onChange,
  onReset,
}: TDealFiltersBarProps) {
  const t = useTranslations("deals");
  const stageLabel = useStageLabel();
  const stageOptions = (options?.stages ?? []).map(({ stage }) => ({
    value: stage,
    label: stageLabel(stage),
  }));
  const responsibleOptions = (options?.responsibles ?? []).map(({ id, name }) => ({
    value: id,
    label: name,
  }));
  const groupChips = STAGE_GROUPS.map((group) => ({
    value: group,
    label: t(`groups.${group}`),
    activeClassName: `${STAGE_GROUP_CLASS[group]} border-transparent ring-1 ring-inset`,
  }));

  return (
    <FilterBar label={t("filters.title")}>
      <SearchFilter
        label={t("filters.search")}
        placeholder={t("filters.searchPlaceholder")}
        value={state.search}
        onChange={(search) => onChange({ search })}
      />
      <CreatedPeriodFilter
        label={t("filters.period")}
        createdFrom={state.createdFrom}
        createdTo={state.createdTo}
        timeZone={timeZone}
        onChange={onChange}
      />
      <DealAmountFilter min={state.amountMin} max={state.amountMax} onChange={onChange} />
      <MultiSelectFilter
        label={t("filters.stage")}
        options={stageOptions}
        selected={state.stages}
        onChange={(stages) => onChange({ stages })}
      />
      <MultiSelectFilter
        label={t("filters.responsible")}
        options={responsibleOptions}
        selected={state.responsibleIds}
        onChange={(responsibleIds) => onChange({ responsibleIds })}
      />
      <DealAttributionFilters state={state} onChange={onChange} />
      <div className={FILTER_WIDE_CLASS}>
        <ToggleChipsFilter
          label={t("filters.stageGroup")}
          chips={groupChips}
          selected={state.stageGroups}
          onChange={(selected) =>
            onChange({ stageGroups: STAGE_GROUPS.filter((group) => selected.includes(group)) })
          }
        />
      </div>
      <div className={`${FILTER_WIDE_CLASS} flex flex-wrap items-end justify-between gap-3`}>
        <label className="inline-flex min-h-9 cursor-pointer items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={state.includeSales}
            onChange={(event) => onChange({ includeSales: event.target.checked })}
            className="size-4 rounded border-slate-300 accent-brand-600"
          />
          {t("filters.includeSales")}
        </label>
        {isFiltered ? (
          <Button variant="ghost" size="sm" onClick={onReset} className="h-9 whitespace-nowrap">
            {t("filters.reset")}
          </Button>
        ) : null}
      </div>
    </FilterBar>
  );
}

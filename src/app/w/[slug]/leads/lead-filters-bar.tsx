"use client";

import { useTranslations } from "next-intl";

import { CreatedPeriodFilter } from "@/components/data-table/filters/created-period-filter";
import { FilterBar } from "@/components/data-table/filters/filter-bar";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";
import { MultiSelectFilter } from "@/components/data-table/filters/multi-select-filter";
import { SearchFilter } from "@/components/data-table/filters/search-filter";
import { UtmFilters } from "@/components/data-table/filters/utm-filters";
import { Button } from "@/components/ui/button";
import { LEAD_ATTRIBUTION_RULES } from "@/server/domain/leads/lead-filters";

import type { TTrafficFilterOptions } from "../settings/sites/use-traffic-filter-options";
import { DUPLICATE_FILTERS, type TLeadsUrlState } from "./leads-url-state";

type TFilterPatch = Partial<Omit<TLeadsUrlState, "page" | "perPage" | "sort" | "leadId">>;

type TLeadFiltersBarProps = {
  state: TLeadsUrlState;
  /** The workspace's zone: the period's days are its days. */
  timeZone: string;
  references: TTrafficFilterOptions;
  isFiltered: boolean;
  onChange: (patch: TFilterPatch) => void;
  onReset: () => void;
};

const isDuplicateFilter = (value: string): value is TLeadsUrlState["duplicates"] =>
  (DUPLICATE_FILTERS as readonly string[]).includes(value);

/** Every filter of the leads table; each change goes straight to the URL. */
export function LeadFiltersBar({
  state,
  timeZone,
  references,
  isFiltered,
  onChange,
  onReset,
}: TLeadFiltersBarProps) {
  const t = useTranslations("leads");
  const ruleOptions = LEAD_ATTRIBUTION_RULES.map((rule) => ({
    value: rule,
    label: t(`rules.${rule}`),
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
      <MultiSelectFilter
        label={t("filters.site")}
        options={references.siteOptions}
        selected={state.siteIds}
        onChange={(siteIds) => onChange({ siteIds })}
      />
      <MultiSelectFilter
        label={t("filters.source")}
        options={references.sourceOptions}
        selected={state.sourceIds}
        onChange={(sourceIds) => onChange({ sourceIds })}
      />
      <MultiSelectFilter
        label={t("filters.campaign")}
        options={references.campaignOptions}
        selected={state.campaignIds}
        onChange={(campaignIds) => onChange({ campaignIds })}
      />
      <MultiSelectFilter
        label={t("filters.rule")}
        options={ruleOptions}
        selected={state.rules}
        onChange={(selected) =>
          onChange({ rules: LEAD_ATTRIBUTION_RULES.filter((rule) => selected.includes(rule)) })
        }
      />
      <FilterField label={t("filters.duplicates")}>
        <select
          value={state.duplicates}
          onChange={(event) =>
            isDuplicateFilter(event.target.value) && onChange({ duplicates: event.target.value })
          }
          className={FILTER_CONTROL_CLASS}
        >
          {DUPLICATE_FILTERS.map((option) => (
            <option key={option} value={option}>
              {t(`filters.duplicateOptions.${option}`)}
            </option>
          ))}
        </select>
      </FilterField>
      <UtmFilters
        values={state}
        labelOf={(field) => t(`filters.${field}`)}
        placeholder={t("filters.utmPlaceholder")}
        onChange={onChange}
      />
      {isFiltered ? (
        <div className="col-span-full flex justify-end">
          <Button variant="ghost" size="sm" onClick={onReset} className="h-9 whitespace-nowrap">
            {t("filters.reset")}
          </Button>
        </div>
      ) : null}
    </FilterBar>
  );
}

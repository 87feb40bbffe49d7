"use client";

import { useTranslations } from "next-intl";

import { CreatedPeriodFilter } from "@/components/data-table/filters/created-period-filter";
import { FilterBar } from "@/components/data-table/filters/filter-bar";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";
import { MultiSelectFilter } from "@/components/data-table/filters/multi-select-filter";
import { SearchFilter } from "@/components/data-table/filters/search-filter";
import { UtmFilters } from "@/components/data-table/filters/utm-filters";
import { Button } from "@/components/ui/button";
import { COMMUNICATION_KINDS, COMMUNICATION_RULES } from "@/server/domain/leads/lead-filters";
import { NONE_FILTER_VALUE } from "@/server/domain/lists/traffic-filters";

import type { TTrafficFilterOptions } from "../settings/sites/use-traffic-filter-options";
import {
  DUPLICATE_FILTERS,
  LEAD_CHANNEL_FILTERS,
  TARGET_CALL_FILTERS,
  UNIQUE_CALL_FILTERS,
  type TLeadsUrlState,
} from "./leads-url-state";

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

type TChoiceKey = "duplicates" | "uniqueCalls" | "targetCalls";
const CHOICES = {
  duplicates: DUPLICATE_FILTERS,
  uniqueCalls: UNIQUE_CALL_FILTERS,
  targetCalls: TARGET_CALL_FILTERS,
} as const satisfies Record<TChoiceKey, readonly string[]>;
const OPTION_KEYS = {
  duplicates: "duplicateOptions",
  uniqueCalls: "uniqueCallOptions",
  targetCalls: "targetCallOptions",
} as const satisfies Record<TChoiceKey, string>;
const LABEL_KEYS = {
  duplicates: "duplicates",
  uniqueCalls: "uniqueCall",
  targetCalls: "targetCall",
} as const satisfies Record<TChoiceKey, string>;

/** Keeps only the chosen values, in the order of `all`. */
const chosen = <T extends string>(all: readonly T[], selected: string[]): T[] =>
  all.filter((value) => selected.includes(value));

/** Every filter of Обращения и цели; each change goes straight to the URL. */
export function LeadFiltersBar({
  state,
  timeZone,
  references,
  isFiltered,
  onChange,
  onReset,
}: TLeadFiltersBarProps) {
  const t = useTranslations("leads");
  const tChannel = useTranslations("sites.channels");
  const ruleOptions = COMMUNICATION_RULES.map((rule) => ({
    value: rule,
    label: t(`rules.${rule}`),
  }));
  const kindOptions = COMMUNICATION_KINDS.map((kind) => ({
    value: kind,
    label: t(`filters.kindOptions.${kind}`),
  }));
  const channelOptions = LEAD_CHANNEL_FILTERS.map((channel) => ({
    value: channel,
    label: channel === NONE_FILTER_VALUE ? t("filters.noChannel") : tChannel(channel),
  }));
  const none = (key: "noSource" | "noCampaign") => ({
    value: NONE_FILTER_VALUE,
    label: t(`filters.${key}`),
  });
  /** One of a few choices, «all» first: duplicates, first calls, target calls. */
  const choice = (key: TChoiceKey) => (
    <FilterField label={t(`filters.${LABEL_KEYS[key]}`)}>
      <select
        value={state[key]}
        onChange={(event) => {
          const [value] = chosen<string>(CHOICES[key], [event.target.value]);
          if (value) onChange({ [key]: value });
        }}
        className={FILTER_CONTROL_CLASS}
      >
        {CHOICES[key].map((option) => (
          <option key={option} value={option}>
            {t(`filters.${OPTION_KEYS[key]}.${option}`)}
          </option>
        ))}
      </select>
    </FilterField>
  );

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
        label={t("filters.kind")}
        options={kindOptions}
        selected={state.kinds}
        onChange={(selected) => onChange({ kinds: chosen(COMMUNICATION_KINDS, selected) })}
      />
      <MultiSelectFilter
        label={t("filters.site")}
        options={references.siteOptions}
        selected={state.siteIds}
        onChange={(siteIds) => onChange({ siteIds })}
      />
      <MultiSelectFilter
        label={t("filters.source")}
        options={[...references.sourceOptions, none("noSource")]}
        selected={state.sourceIds}
        onChange={(sourceIds) => onChange({ sourceIds })}
      />
      <MultiSelectFilter
        label={t("filters.campaign")}
        options={[...references.campaignOptions, none("noCampaign")]}
        selected={state.campaignIds}
        onChange={(campaignIds) => onChange({ campaignIds })}
      />
      <MultiSelectFilter
        label={t("filters.channel")}
        options={channelOptions}
        selected={state.channels}
        onChange={(selected) => onChange({ channels: chosen(LEAD_CHANNEL_FILTERS, selected) })}
      />
      <MultiSelectFilter
        label={t("filters.rule")}
        options={ruleOptions}
        selected={state.rules}
        onChange={(selected) => onChange({ rules: chosen(COMMUNICATION_RULES, selected) })}
      />
      {choice("duplicates")}
      {choice("uniqueCalls")}
      {choice("targetCalls")}
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

"use client";

import { useTranslations } from "next-intl";

import { MultiSelectFilter } from "@/components/data-table/filters/multi-select-filter";
import { UtmFilters } from "@/components/data-table/filters/utm-filters";
import type { TUtmFilterState } from "@/components/data-table/utm-url-params";
import { DEAL_ATTRIBUTION_RULES, NONE_FILTER_VALUE } from "@/server/domain/lists/traffic-filters";

import { useTrafficFilterOptions } from "../settings/sites/use-traffic-filter-options";
import { CHANNEL_FILTERS, type TDealsUrlState } from "./deals-url-state";

type TAttributionFilterPatch = Partial<
  Pick<TDealsUrlState, "sourceIds" | "campaignIds" | "channels" | "attributionRules"> &
    TUtmFilterState
>;

/** Where the deals are credited: source, campaign and channel (each may be «none»), rule, UTM tags. */
export function DealAttributionFilters({
  state,
  onChange,
}: {
  state: TDealsUrlState;
  onChange: (patch: TAttributionFilterPatch) => void;
}) {
  const t = useTranslations("deals");
  const tChannel = useTranslations("sites.channels");
  const { sourceOptions, campaignOptions } = useTrafficFilterOptions();
  const none = (key: "noSource" | "noCampaign") => ({
    value: NONE_FILTER_VALUE,
    label: t(`filters.${key}`),
  });
  const channelOptions = CHANNEL_FILTERS.map((channel) => ({
    value: channel,
    label: channel === NONE_FILTER_VALUE ? t("filters.noChannel") : tChannel(channel),
  }));
  const ruleOptions = DEAL_ATTRIBUTION_RULES.map((rule) => ({
    value: rule,
    label: t(`attributionRules.${rule}`),
  }));
  return (
    <>
      <MultiSelectFilter
        label={t("filters.source")}
        options={[...sourceOptions, none("noSource")]}
        selected={state.sourceIds}
        onChange={(sourceIds) => onChange({ sourceIds })}
      />
      <MultiSelectFilter
        label={t("filters.campaign")}
        options={[...campaignOptions, none("noCampaign")]}
        selected={state.campaignIds}
        onChange={(campaignIds) => onChange({ campaignIds })}
      />
      <MultiSelectFilter
        label={t("filters.channel")}
        options={channelOptions}
        selected={state.channels}
        onChange={(selected) =>
          onChange({ channels: CHANNEL_FILTERS.filter((channel) => selected.includes(channel)) })
        }
      />
      <MultiSelectFilter
        label={t("filters.attributionRule")}
        options={ruleOptions}
        selected={state.attributionRules}
        onChange={(selected) =>
          onChange({
            attributionRules: DEAL_ATTRIBUTION_RULES.filter((rule) => selected.includes(rule)),
          })
        }
      />
      <UtmFilters
        values={state}
        labelOf={(field) => t(`filters.${field}`)}
        placeholder={t("filters.utmPlaceholder")}
        onChange={onChange}
      />
    </>
  );
}

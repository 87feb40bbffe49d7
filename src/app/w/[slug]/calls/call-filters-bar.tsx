"use client";

import { useTranslations } from "next-intl";

import { CreatedPeriodFilter } from "@/components/data-table/filters/created-period-filter";
import { FILTER_WIDE_CLASS, FilterBar } from "@/components/data-table/filters/filter-bar";
import { FILTER_CONTROL_CLASS, FilterField } from "@/components/data-table/filters/filter-field";
import { MultiSelectFilter } from "@/components/data-table/filters/multi-select-filter";
import { SearchFilter } from "@/components/data-table/filters/search-filter";
import { ToggleChipsFilter } from "@/components/data-table/filters/toggle-chips-filter";
import { Button } from "@/components/ui/button";
import { CALL_DIRECTIONS, CALL_STATUSES } from "@/server/domain/calls/call-filters";

import { CALL_STATUS_CLASS } from "./call-status-badge";
import type { TCallEmployee } from "./call-types";
import type { TCallsUrlState } from "./calls-url-state";

type TFilterPatch = Partial<
  Pick<
    TCallsUrlState,
    | "createdFrom"
    | "createdTo"
    | "directions"
    | "statuses"
    | "missedNotCalledBack"
    | "membershipIds"
    | "hasRecording"
    | "isFirstCall"
    | "search"
  >
>;

type TCallFiltersBarProps = {
  state: TCallsUrlState;
  /** The workspace's zone: the period's days are its days. */
  timeZone: string;
  employees: readonly TCallEmployee[] | undefined;
  isFiltered: boolean;
  onChange: (patch: TFilterPatch) => void;
  onReset: () => void;
};

const TRI_STATE_VALUES = { any: null, yes: true, no: false } as const;
type TTriStateKey = keyof typeof TRI_STATE_VALUES;
const triStateKey = (value: boolean | null): TTriStateKey =>
  value === null ? "any" : value ? "yes" : "no";

/** A yes / no / either choice as a select: «С записью», «Без записи», «Все». */
function TriStateFilter({
  label,
  value,
  labels,
  onChange,
}: {
  label: string;
  value: boolean | null;
  labels: Record<TTriStateKey, string>;
  onChange: (value: boolean | null) => void;
}) {
  return (
    <FilterField label={label}>
      <select
        value={triStateKey(value)}
        onChange={(event) => onChange(TRI_STATE_VALUES[event.target.value as TTriStateKey])}
        className={FILTER_CONTROL_CLASS}
      >
        {(Object.keys(TRI_STATE_VALUES) as TTriStateKey[]).map((key) => (
          <option key={key} value={key}>
            {labels[key]}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/** Every filter of the calls table; each change goes straight to the URL. */
export function CallFiltersBar({
  state,
  timeZone,
  employees,
  isFiltered,
  onChange,
  onReset,
}: TCallFiltersBarProps) {
  const t = useTranslations("calls");
  const directionOptions = CALL_DIRECTIONS.map((direction) => ({
    value: direction,
    label: t(`directions.${direction}`),
  }));
  const employeeOptions = (employees ?? []).map(({ id, name }) => ({ value: id, label: name }));
  const statusChips = CALL_STATUSES.map((status) => ({
    value: status,
    label: t(`statuses.${status}`),
    activeClassName: `${CALL_STATUS_CLASS[status]} border-transparent ring-1 ring-inset`,
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
        label={t("filters.direction")}
        options={directionOptions}
        selected={state.directions}
        onChange={(selected) =>
          onChange({
            directions: CALL_DIRECTIONS.filter((direction) => selected.includes(direction)),
          })
        }
      />
      <MultiSelectFilter
        label={t("filters.employee")}
        options={employeeOptions}
        selected={state.membershipIds}
        onChange={(membershipIds) => onChange({ membershipIds })}
      />
      <TriStateFilter
        label={t("filters.recording")}
        value={state.hasRecording}
        labels={{
          any: t("filters.recordingAny"),
          yes: t("filters.recordingYes"),
          no: t("filters.recordingNo"),
        }}
        onChange={(hasRecording) => onChange({ hasRecording })}
      />
      <TriStateFilter
        label={t("filters.caller")}
        value={state.isFirstCall}
        labels={{
          any: t("filters.callerAny"),
          yes: t("filters.callerNew"),
          no: t("filters.callerRepeat"),
        }}
        onChange={(isFirstCall) => onChange({ isFirstCall })}
      />
      <div className={`${FILTER_WIDE_CLASS} md:col-span-4`}>
        <ToggleChipsFilter
          label={t("filters.status")}
          chips={statusChips}
          selected={state.statuses}
          onChange={(selected) =>
            onChange({ statuses: CALL_STATUSES.filter((status) => selected.includes(status)) })
          }
        />
      </div>
      <div className={`${FILTER_WIDE_CLASS} flex flex-wrap items-end justify-between gap-3`}>
        <label className="inline-flex min-h-9 cursor-pointer items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={state.missedNotCalledBack}
            onChange={(event) => onChange({ missedNotCalledBack: event.target.checked })}
            className="size-4 rounded border-slate-300 accent-brand-600"
          />
          {t("filters.missedNotCalledBack")}
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

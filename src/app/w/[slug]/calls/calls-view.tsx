"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { DataTable } from "@/components/data-table/data-table";
import { ExportCsvLink } from "@/components/data-table/export-csv-link";
import { LiveIndicator } from "@/components/data-table/live-indicator";
import { LoadState } from "@/components/data-table/load-state";
import { useServerTable } from "@/components/data-table/use-server-table";
import { useUrlState } from "@/components/data-table/use-url-state";
import { EmptyState } from "@/components/empty-state";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { CallDrawer } from "./call-drawer";
import { CallFiltersBar } from "./call-filters-bar";
import type { TCallRow } from "./call-types";
import { callsExportHref, callTableSorting, toCallListRequest } from "./calls-request";
import {
  clearCallFilters,
  hasActiveCallFilters,
  parseCallsUrlState,
  serializeCallsUrlState,
} from "./calls-url-state";
import { useCallColumns } from "./use-call-columns";
import { useLiveCalls } from "./use-live-calls";

const getCallId = (call: TCallRow) => call.id;
const getCallRowAttributes = (call: TCallRow) => ({
  "data-testid": "call-row",
  "data-call-id": call.id,
  "data-status": call.status,
});

/** The calls page body: filters, table and drawer; the empty state until the first call arrives. */
export function CallsView({ slug, timeZone }: { slug: string; timeZone: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const { state, update } = useUrlState(parseCallsUrlState, serializeCallsUrlState);
  const request = useMemo(() => toCallListRequest(state, timeZone), [state, timeZone]);
  const list = useQuery(
    trpc.calls.list.queryOptions(request, { placeholderData: keepPreviousData }),
  );
  const employees = useQuery(trpc.calls.employees.queryOptions());
  // New calls and calls in progress change without a reload (the drawer's call too).
  useLiveCalls();
  const columns = useCallColumns(slug, timeZone);
  const table = useServerTable({ list, state, update, sortingFor: callTableSorting });
  const isFiltered = hasActiveCallFilters(state);

  if (!list.data)
    return (
      <LoadState
        error={list.error}
        loadingText={t("table.loading")}
        className="py-12 text-center"
      />
    );
  if (!isFiltered && list.data.count === 0)
    return <EmptyState title={t("empty.callsTitle")} text={t("calls.waitingText")} />;

  return (
    <div className="space-y-4">
      <CallFiltersBar
        state={state}
        timeZone={timeZone}
        employees={employees.data}
        isFiltered={isFiltered}
        onChange={(patch) => update({ ...patch, page: 1 })}
        onReset={() => update(clearCallFilters(state))}
      />
      <FormError message={formError(list.error)} />
      <DataTable
        {...table}
        label={t("nav.calls")}
        tableId="calls"
        testId="calls-table"
        columns={columns}
        getRowId={getCallId}
        emptyState={<span>{t("calls.noResults")}</span>}
        summary={<LiveIndicator label={t("calls.live")} />}
        actions={<ExportCsvLink href={callsExportHref(slug, request)} label={t("calls.export")} />}
        selectedRowId={state.callId}
        onRowClick={(call) => update({ callId: call.id })}
        getRowAttributes={getCallRowAttributes}
      />
      {state.callId ? (
        <CallDrawer
          key={state.callId}
          slug={slug}
          callId={state.callId}
          timeZone={timeZone}
          onOpenCall={(callId) => update({ callId })}
          onClose={() => update({ callId: null })}
        />
      ) : null}
    </div>
  );
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

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

import { useTrafficFilterOptions } from "../settings/sites/use-traffic-filter-options";
import { LeadDrawer } from "./lead-drawer";
import { LeadFiltersBar } from "./lead-filters-bar";
import type { TLeadRow } from "./lead-types";
import { leadsExportHref, leadTableSorting, toLeadListRequest } from "./leads-request";
import {
  clearLeadFilters,
  hasActiveLeadFilters,
  parseLeadsUrlState,
  serializeLeadsUrlState,
} from "./leads-url-state";
import { useLeadColumns } from "./use-lead-columns";

/** New leads and newly linked deals appear without a reload; polling pauses while the tab is hidden. */
const LIVE_REFRESH_MS = 5_000;

const getLeadId = (lead: TLeadRow) => lead.id;
/** Hooks for end-to-end tests: a row is found by its lead id, Klientiks id or contact name, and tells its rule. */
const getLeadRowAttributes = (lead: TLeadRow) => ({
  "data-testid": "lead-row",
  "data-lead-id": lead.id,
  "data-lead-external-id": lead.externalId,
  "data-contact-name": lead.contactName ?? "",
  "data-rule": lead.attributionRule,
});

/** The leads page body: the empty state for a workspace without leads, otherwise filters, table and drawer. */
export function LeadsView({ slug, timeZone }: { slug: string; timeZone: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const { state, update } = useUrlState(parseLeadsUrlState, serializeLeadsUrlState);
  const request = useMemo(() => toLeadListRequest(state, timeZone), [state, timeZone]);
  const list = useQuery(
    trpc.leads.list.queryOptions(request, {
      refetchInterval: LIVE_REFRESH_MS,
      refetchIntervalInBackground: false,
      placeholderData: keepPreviousData,
    }),
  );
  const references = useTrafficFilterOptions();
  const openLead = useCallback((leadId: string) => update({ leadId }), [update]);
  const columns = useLeadColumns({ slug, timeZone, onOpenLead: openLead });
  const table = useServerTable({ list, state, update, sortingFor: leadTableSorting });
  const isFiltered = hasActiveLeadFilters(state);

  if (!list.data)
    return (
      <LoadState
        error={list.error}
        loadingText={t("table.loading")}
        className="py-12 text-center"
      />
    );
  if (!isFiltered && list.data.count === 0) {
    return (
      <EmptyState
        title={t("empty.leadsTitle")}
        text={t("empty.leadsText")}
        action={{ href: `/w/${slug}/settings/sites`, label: t("empty.goSites") }}
      />
    );
  }

  return (
    <div className="space-y-4">
      <LeadFiltersBar
        state={state}
        timeZone={timeZone}
        references={references}
        isFiltered={isFiltered}
        onChange={(patch) => update({ ...patch, page: 1 })}
        onReset={() => update(clearLeadFilters(state))}
      />
      <FormError message={formError(list.error)} />
      <DataTable
        {...table}
        label={t("nav.leads")}
        tableId="leads"
        testId="leads-table"
        columns={columns}
        getRowId={getLeadId}
        emptyState={<span>{t("leads.noResults")}</span>}
        summary={<LiveIndicator label={t("leads.live")} />}
        actions={<ExportCsvLink href={leadsExportHref(slug, request)} label={t("leads.export")} />}
        selectedRowId={state.leadId}
        onRowClick={(lead) => openLead(lead.id)}
        getRowAttributes={getLeadRowAttributes}
      />
      {state.leadId ? (
        <LeadDrawer
          key={state.leadId}
          leadId={state.leadId}
          slug={slug}
          timeZone={timeZone}
          onOpenLead={openLead}
          onClose={() => update({ leadId: null })}
        />
      ) : null}
    </div>
  );
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
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

import { callPageHref } from "../calls/calls-url-state";
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

/** New bookings, calls and newly linked deals appear without a reload; polling pauses while the tab is hidden. */
const LIVE_REFRESH_MS = 5_000;

const getLeadId = (lead: TLeadRow) => lead.id;
/**
 * Hooks for end-to-end tests: a row is found by its id (a lead's or a call's), Klientiks id or
 * contact name, and tells its kind, rule and utm_campaign.
 */
const getLeadRowAttributes = (row: TLeadRow) => ({
  "data-testid": "lead-row",
  "data-lead-id": row.id,
  "data-kind": row.kind,
  ...(row.externalId === null ? {} : { "data-lead-external-id": row.externalId }),
  "data-contact-name": row.contactName ?? "",
  "data-rule": row.rule ?? "",
  "data-utm-campaign": row.utmCampaign ?? "",
});

/**
 * The body of Обращения и цели: the empty state for a workspace without bookings or calls, otherwise
 * filters, table and the booking drawer (a call opens on the Calls page, in its drawer).
 */
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
  const router = useRouter();
  const openLead = useCallback((leadId: string) => update({ leadId }), [update]);
  const openRow = useCallback(
    (row: TLeadRow) =>
      row.kind === "call" ? router.push(callPageHref(slug, row.id)) : openLead(row.id),
    [router, slug, openLead],
  );
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
        onRowClick={openRow}
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

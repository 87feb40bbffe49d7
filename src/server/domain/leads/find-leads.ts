import type { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import { VISIT_TRAFFIC_SELECT } from "@/server/domain/leads/find-attribution-candidates";
import type {
  TCommunicationKind,
  TCommunicationRule,
  TLeadFilters,
  TLeadListRequest,
  TLeadSort,
} from "@/server/domain/leads/lead-filters";
import { COUNT_TAKE, pageOfCappedCount } from "@/server/domain/lists/capped-count";
import { orderByOf, type TKeysetOrder } from "@/server/domain/lists/keyset-order";
import { searchTextWhere } from "@/server/domain/lists/table-search";
import { inList, inListOrNone } from "@/server/domain/lists/traffic-filters";
import {
  loadTrafficReferenceNames,
  withReferenceNames,
} from "@/server/domain/lists/traffic-reference-names";

/**
 * Every list query is scoped by `tenantId` first, matching the indexes that start with it, and to
 * bookings and incoming calls (`isInbound`, prisma/migrations/20261204031000_communications_flat_union).
 */
export function communicationWhere(
  tenantId: string,
  filters: TLeadFilters,
): Prisma.CommunicationWhereInput {
  const where: Prisma.CommunicationWhereInput = {
    tenantId,
    isInbound: true,
    ...(filters.createdFrom || filters.createdTo
      ? { occurredAt: { gte: filters.createdFrom, lt: filters.createdTo } }
      : {}),
    kind: inList(filters.kinds),
    siteId: inList(filters.siteIds),
    utmSource: inList(filters.utmSource),
    utmMedium: inList(filters.utmMedium),
    utmCampaign: inList(filters.utmCampaign),
    utmContent: inList(filters.utmContent),
    utmTerm: inList(filters.utmTerm),
    rule: inList(filters.rules),
    ...(filters.isUniqueCall === undefined ? {} : { isUniqueCall: filters.isUniqueCall }),
    ...(filters.isTargetCall === undefined ? {} : { isTargetCall: filters.isTargetCall }),
    ...searchTextWhere(filters.search),
  };
  const traffic = [
    duplicateWhere(filters.isDuplicate),
    inListOrNone(filters.sourceIds, (sourceId) => ({ sourceId })),
    inListOrNone(filters.campaignIds, (campaignId) => ({ campaignId })),
    inListOrNone(filters.channels, (channel) => ({ channel })),
  ].filter((condition) => condition !== undefined);
  return traffic.length ? { ...where, AND: traffic } : where;
}

/** «Повторы» speaks of bookings: repeat bookings, or first bookings (calls have «Уникальный»). */
function duplicateWhere(
  isDuplicate: boolean | undefined,
): Prisma.CommunicationWhereInput | undefined {
  if (isDuplicate === undefined) return undefined;
  return isDuplicate ? { duplicateOfId: { not: null } } : { kind: "booking", duplicateOfId: null };
}

/** The columns a booking's row and its detail share (`Lead` and the `Communication` view alike). */
const SHARED_SELECT = {
  id: true,
  externalId: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  sessionId: true,
  ...VISIT_TRAFFIC_SELECT,
  tags: true,
  declaredSource: true,
  duplicateOfId: true,
  dealId: true,
  updatedAt: true,
} as const satisfies Prisma.LeadSelect & Prisma.CommunicationSelect;

export const COMMUNICATION_LIST_SELECT = {
  ...SHARED_SELECT,
  kind: true,
  occurredAt: true,
  rule: true,
  companyNumber: true,
  talkSeconds: true,
  disposition: true,
  isUniqueCall: true,
  isTargetCall: true,
} as const satisfies Prisma.CommunicationSelect;

/** The booking's columns of the detail drawer. */
const LEAD_DETAIL_SELECT = {
  ...SHARED_SELECT,
  crmCreatedAt: true,
  attributionRule: true,
  raw: true,
  createdAt: true,
} as const satisfies Prisma.LeadSelect;

/**
 * The order the capped count walks: in each branch of the view the (tenantId, time DESC, id DESC)
 * index of `Lead` (crmCreatedAt) and `Call` (startedAt), merged, so the count stops at the cap.
 */
const COUNT_ORDER: Prisma.CommunicationOrderByWithRelationInput[] = [
  { occurredAt: "desc" },
  { id: "desc" },
];

/** The order of the table and of its export; rows without a name come last either way. */
export const leadOrder = ({ field, direction }: TLeadSort): TKeysetOrder<TLeadSort["field"]> =>
  field === "contactName" ? { field, direction, nulls: "last" } : { field, direction };

/**
 * One page of Обращения и цели — bookings and incoming calls (docs/call-tracking.md §6) — with the
 * total (capped, see LIST_COUNT_CAP), sorted on the server (conventions C14).
 */
export async function findLeads(
  db: TDbClient,
  { tenantId, request }: { tenantId: string; request: TLeadListRequest },
) {
  const where = communicationWhere(tenantId, request.filters);
  const orderBy = orderByOf(
    leadOrder(request.sort),
  ) as Prisma.CommunicationOrderByWithRelationInput[];
  const [rows, countUpToCap] = await Promise.all([
    db.communication.findMany({
      where,
      orderBy,
      skip: (request.page - 1) * request.perPage,
      take: request.perPage,
      select: COMMUNICATION_LIST_SELECT,
    }),
    db.communication.count({ where, take: COUNT_TAKE, orderBy: COUNT_ORDER }),
  ]);
  const names = await loadTrafficReferenceNames(db, { tenantId, rows });
  const data = rows.map((row) => withReferenceNames(narrowCommunication(row), names));
  return { data, ...pageOfCappedCount(countUpToCap, request) };
}

type TCommunicationRow = Prisma.CommunicationGetPayload<{
  select: typeof COMMUNICATION_LIST_SELECT;
}>;

/**
 * The view's text columns as the codes its SQL writes: `kind` is 'booking' or 'call', `rule` a
 * `LeadAttributionRule` or `CallTrackingRule` (the router's output schema checks them again).
 */
function narrowCommunication(row: TCommunicationRow) {
  return {
    ...row,
    kind: row.kind as TCommunicationKind,
    rule: row.rule as TCommunicationRule | null,
  };
}

/** Cap on the drawer's timeline: a session is a visit, rarely more than a few dozen pages. */
const MAX_TIMELINE_PAGE_VIEWS = 200;

/** One lead for the detail drawer, with its session's page views; another tenant's id is not found. */
export async function findLeadById(
  db: TDbClient,
  { tenantId, leadId }: { tenantId: string; leadId: string },
) {
  const lead = await db.lead.findFirst({
    where: { id: leadId, tenantId },
    select: LEAD_DETAIL_SELECT,
  });
  if (!lead) return null;
  const names = await loadTrafficReferenceNames(db, { tenantId, rows: [lead] });
  const pageViews = lead.sessionId
    ? await db.pageView.findMany({
        where: { tenantId, sessionId: lead.sessionId },
        orderBy: { at: "asc" },
        take: MAX_TIMELINE_PAGE_VIEWS,
        select: { id: true, url: true, title: true, at: true },
      })
    : [];
  return { ...withReferenceNames(lead, names), pageViews };
}

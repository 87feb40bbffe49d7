import type { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import type { TLeadFilters, TLeadListRequest, TLeadSort } from "@/server/domain/leads/lead-filters";
import { COUNT_TAKE, pageOfCappedCount } from "@/server/domain/lists/capped-count";
import { orderByOf, type TKeysetOrder } from "@/server/domain/lists/keyset-order";
import { searchTextWhere } from "@/server/domain/lists/table-search";
import { inList, TRAFFIC_SELECT } from "@/server/domain/lists/traffic-filters";
import {
  loadTrafficReferenceNames,
  withReferenceNames,
} from "@/server/domain/lists/traffic-reference-names";

/** Every list query is scoped by `tenantId` first, matching the indexes that start with it. */
export function leadWhere(tenantId: string, filters: TLeadFilters): Prisma.LeadWhereInput {
  const where: Prisma.LeadWhereInput = {
    tenantId,
    ...(filters.createdFrom || filters.createdTo
      ? { crmCreatedAt: { gte: filters.createdFrom, lt: filters.createdTo } }
      : {}),
    siteId: inList(filters.siteIds),
    sourceId: inList(filters.sourceIds),
    campaignId: inList(filters.campaignIds),
    utmSource: inList(filters.utmSource),
    utmMedium: inList(filters.utmMedium),
    utmCampaign: inList(filters.utmCampaign),
    utmContent: inList(filters.utmContent),
    utmTerm: inList(filters.utmTerm),
    ...(filters.rules?.length ? { attributionRule: { in: filters.rules } } : {}),
    ...(filters.isDuplicate === undefined
      ? {}
      : { duplicateOfId: filters.isDuplicate ? { not: null } : null }),
    ...searchTextWhere(filters.search),
  };
  return where;
}

export const LEAD_LIST_SELECT = {
  id: true,
  externalId: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  crmCreatedAt: true,
  sessionId: true,
  attributionRule: true,
  ...TRAFFIC_SELECT,
  landingUrl: true,
  referrer: true,
  yclid: true,
  gclid: true,
  fbclid: true,
  tags: true,
  declaredSource: true,
  duplicateOfId: true,
  dealId: true,
  updatedAt: true,
} as const satisfies Prisma.LeadSelect;

/** The order of the (tenantId, crmCreatedAt DESC, id DESC) index: the capped count walks it and stops. */
const COUNT_ORDER: Prisma.LeadOrderByWithRelationInput[] = [
  { crmCreatedAt: "desc" },
  { id: "desc" },
];

/** The order of the leads table and of its export; leads without a name come last either way. */
export const leadOrder = ({ field, direction }: TLeadSort): TKeysetOrder<TLeadSort["field"]> =>
  field === "contactName" ? { field, direction, nulls: "last" } : { field, direction };

/** One page of leads with the total (capped, see LIST_COUNT_CAP), sorted on the server (conventions C14). */
export async function findLeads(
  db: TDbClient,
  { tenantId, request }: { tenantId: string; request: TLeadListRequest },
) {
  const where = leadWhere(tenantId, request.filters);
  const orderBy = orderByOf(leadOrder(request.sort)) as Prisma.LeadOrderByWithRelationInput[];
  const [rows, countUpToCap] = await Promise.all([
    db.lead.findMany({
      where,
      orderBy,
      skip: (request.page - 1) * request.perPage,
      take: request.perPage,
      select: LEAD_LIST_SELECT,
    }),
    db.lead.count({ where, take: COUNT_TAKE, orderBy: COUNT_ORDER }),
  ]);
  const names = await loadTrafficReferenceNames(db, { tenantId, rows });
  const data = rows.map((row) => withReferenceNames(row, names));
  return { data, ...pageOfCappedCount(countUpToCap, request) };
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
    select: { ...LEAD_LIST_SELECT, raw: true, createdAt: true },
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

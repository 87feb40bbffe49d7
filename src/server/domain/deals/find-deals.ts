import type { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import type { TDealFilters, TDealListRequest, TDealSort } from "@/server/domain/deals/deal-filters";
import type {
  TDealContact,
  TDealDraft,
  TDealServiceLine,
} from "@/server/domain/deals/map-appointment-to-deal";
import { COUNT_TAKE, pageOfCappedCount } from "@/server/domain/lists/capped-count";
import { orderByOf, type TKeysetOrder } from "@/server/domain/lists/keyset-order";
import { searchTextWhere } from "@/server/domain/lists/table-search";
import { inList, inListOrNone, TRAFFIC_SELECT } from "@/server/domain/lists/traffic-filters";
import {
  loadTrafficReferenceNames,
  withReferenceNames,
} from "@/server/domain/lists/traffic-reference-names";

/** Every list query is scoped by `tenantId` first, matching the indexes that start with it. */
export function dealWhere(tenantId: string, filters: TDealFilters): Prisma.DealWhereInput {
  return {
    tenantId,
    ...(filters.createdFrom || filters.createdTo
      ? { crmCreatedAt: { gte: filters.createdFrom, lt: filters.createdTo } }
      : {}),
    ...(filters.stages?.length ? { stage: { in: filters.stages } } : {}),
    ...(filters.stageGroups?.length ? { stageGroup: { in: filters.stageGroups } } : {}),
    ...(filters.responsibleIds?.length ? { responsibleId: { in: filters.responsibleIds } } : {}),
    ...(filters.amountMin !== undefined || filters.amountMax !== undefined
      ? { amountMinor: { gte: filters.amountMin, lte: filters.amountMax } }
      : {}),
    ...(filters.includeSales ? {} : { isSale: false }),
    ...(filters.attributionRules?.length
      ? { attributionRule: { in: filters.attributionRules } }
      : {}),
    utmSource: inList(filters.utmSource),
    utmMedium: inList(filters.utmMedium),
    utmCampaign: inList(filters.utmCampaign),
    utmContent: inList(filters.utmContent),
    utmTerm: inList(filters.utmTerm),
    // Each may be «in the list or empty» (an OR), so they are ANDed rather than spread.
    AND: [
      inListOrNone(filters.sourceIds, (sourceId) => ({ sourceId })),
      inListOrNone(filters.campaignIds, (campaignId) => ({ campaignId })),
      inListOrNone(filters.channels, (channel) => ({ channel })),
    ].filter((condition) => condition !== undefined),
    ...searchTextWhere(filters.search),
  };
}

export const DEAL_LIST_SELECT = {
  id: true,
  externalId: true,
  name: true,
  amountMinor: true,
  currency: true,
  status: true,
  stage: true,
  stageGroup: true,
  visitStartAt: true,
  visitEndAt: true,
  crmCreatedAt: true,
  crmModifiedAt: true,
  isSale: true,
  isOnlineBooking: true,
  paidBySubscription: true,
  responsibleId: true,
  responsibleName: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  missingInSource: true,
  updatedAt: true,
  attributionRule: true,
  ...TRAFFIC_SELECT,
} as const satisfies Prisma.DealSelect;

/**
 * Prisma counts a `take` as COUNT(*) over a LIMIT subquery that always has an ORDER BY (by `id`
 * unless told otherwise), and sorting every match would cost more than counting it. This order is
 * the one the (tenantId[, stage | responsibleId], crmCreatedAt DESC NULLS LAST, id DESC) indexes
 * hold, so the count walks an index and stops at the cap, whatever order the page is sorted in.
 */
const COUNT_ORDER: Prisma.DealOrderByWithRelationInput[] = [
  { crmCreatedAt: { sort: "desc", nulls: "last" } },
  { id: "desc" },
];

/**
 * Only nullable columns accept a null placement in Prisma. Deals without a date count as older than
 * any: last when the newest come first, first when the oldest do. That is the one (… DESC NULLS
 * LAST, id DESC) index read in either direction; "nulls last" both ways would sort every deal on an
 * ascending click (~2 s at a million) or need a second index on every write.
 */
const NULLABLE_SORT_FIELDS: ReadonlySet<TDealSort["field"]> = new Set([
  "crmCreatedAt",
  "visitStartAt",
]);

/** The order of the deals table and of its export. */
export const dealOrder = ({ field, direction }: TDealSort): TKeysetOrder<TDealSort["field"]> =>
  NULLABLE_SORT_FIELDS.has(field)
    ? { field, direction, nulls: direction === "desc" ? "last" : "first" }
    : { field, direction };

/** One page of deals with the total, sorted on the server (conventions C14). */
export async function findDeals(
  db: TDbClient,
  { tenantId, request }: { tenantId: string; request: TDealListRequest },
) {
  const where = dealWhere(tenantId, request.filters);
  const orderBy = orderByOf(dealOrder(request.sort)) as Prisma.DealOrderByWithRelationInput[];
  const [rows, countUpToCap] = await Promise.all([
    db.deal.findMany({
      where,
      orderBy,
      skip: (request.page - 1) * request.perPage,
      take: request.perPage,
      select: DEAL_LIST_SELECT,
    }),
    db.deal.count({ where, take: COUNT_TAKE, orderBy: COUNT_ORDER }),
  ]);
  const names = await loadTrafficReferenceNames(db, { tenantId, rows });
  const data = rows.map((row) => withReferenceNames(row, names));
  return { data, ...pageOfCappedCount(countUpToCap, request) };
}

/** The choices of the stage and responsible filters: what this workspace's deals actually use. */
export async function findDealFilterOptions(db: TDbClient, { tenantId }: { tenantId: string }) {
  const [stages, responsibles] = await Promise.all([
    db.deal.groupBy({
      by: ["stage", "stageOrder", "stageGroup"],
      where: { tenantId },
      orderBy: [{ stageOrder: "asc" }, { stage: "asc" }],
    }),
    db.deal.groupBy({
      by: ["responsibleId", "responsibleName"],
      where: { tenantId, responsibleId: { not: null } },
      orderBy: { responsibleName: "asc" },
    }),
  ]);
  return {
    stages: stages.map(({ stage, stageGroup }) => ({ stage, stageGroup })),
    responsibles: responsibles.map(({ responsibleId, responsibleName }) => ({
      id: responsibleId ?? "",
      name: responsibleName ?? responsibleId ?? "",
    })),
  };
}

/** Everything about one deal for the detail drawer; another tenant's id is simply not found. */
export async function findDealById(
  db: TDbClient,
  { tenantId, dealId }: { tenantId: string; dealId: string },
) {
  const deal = await db.deal.findFirst({
    where: { id: dealId, tenantId },
    select: {
      ...DEAL_LIST_SELECT,
      responsibleKind: true,
      contacts: true,
      services: true,
      customFields: true,
      raw: true,
      createdAt: true,
      creditedLeadId: true,
      creditedCallId: true,
      attributionLeadSource: true,
      stageChanges: {
        orderBy: { at: "asc" },
        select: { id: true, fromStatus: true, toStatus: true, at: true },
      },
    },
  });
  if (!deal) return null;
  const names = await loadTrafficReferenceNames(db, { tenantId, rows: [deal] });
  // The JSON columns are written only by upsertDeal, from a TDealDraft.
  return {
    ...withReferenceNames(deal, names),
    contacts: deal.contacts as TDealContact[],
    services: deal.services as TDealServiceLine[],
    customFields: deal.customFields as TDealDraft["customFields"],
  };
}

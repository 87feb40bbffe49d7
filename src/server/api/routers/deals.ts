import { z } from "zod";

import { TRAFFIC_FIELDS } from "@/server/api/routers/traffic-fields";
import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";
import { ZDealListRequestSchema } from "@/server/domain/deals/deal-filters";
import { findDealById, findDealFilterOptions, findDeals } from "@/server/domain/deals/find-deals";
import { DEAL_ATTRIBUTION_RULES } from "@/server/domain/lists/traffic-filters";
import { AppError } from "@/server/errors";

const ZStageGroup = z.enum(["in_work", "won", "lost"]);

const ZDealRow = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  status: z.string(),
  stage: z.string(),
  stageGroup: ZStageGroup,
  visitStartAt: z.date().nullable(),
  visitEndAt: z.date().nullable(),
  crmCreatedAt: z.date().nullable(),
  crmModifiedAt: z.date().nullable(),
  isSale: z.boolean(),
  isOnlineBooking: z.boolean(),
  paidBySubscription: z.enum(["none", "partial", "full"]),
  responsibleId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  missingInSource: z.boolean(),
  updatedAt: z.date(),
  attributionRule: z.enum(DEAL_ATTRIBUTION_RULES).nullable(),
  ...TRAFFIC_FIELDS,
});

const ZDealDetail = ZDealRow.extend({
  responsibleKind: z.string().nullable(),
  contacts: z.array(
    z.object({
      klientiksClientId: z.number(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      leadSource: z.string().nullable(),
    }),
  ),
  services: z.array(
    z.object({
      serviceId: z.number().nullable(),
      name: z.string(),
      amountMinor: z.number(),
      isPaidBySubscription: z.boolean(),
    }),
  ),
  customFields: z
    .object({
      appointment: z.record(z.string(), z.unknown()),
      client: z.record(z.string(), z.unknown()),
    })
    .catch({ appointment: {}, client: {} }),
  raw: z.unknown(),
  createdAt: z.date(),
  creditedLeadId: z.string().nullable(),
  creditedCallId: z.string().nullable(),
  attributionLeadSource: z.string().nullable(),
  stageChanges: z.array(
    z.object({
      id: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      at: z.date(),
    }),
  ),
});

export const dealsRouter = createTrpcRouter({
  list: tenantProcedure
    .input(ZDealListRequestSchema)
    // `count` is exact up to LIST_COUNT_CAP; `isCountCapped` means "at least that many" (show "10 000+").
    .output(
      z.object({
        data: z.array(ZDealRow),
        count: z.number(),
        isCountCapped: z.boolean(),
        currentPage: z.number(),
        perPage: z.number(),
        totalPages: z.number(),
      }),
    )
    .query(({ ctx, input }) =>
      findDeals(ctx.db, { tenantId: ctx.tenant.tenantId, request: input }),
    ),

  filterOptions: tenantProcedure
    .output(
      z.object({
        stages: z.array(z.object({ stage: z.string(), stageGroup: ZStageGroup })),
        responsibles: z.array(z.object({ id: z.string(), name: z.string() })),
      }),
    )
    .query(({ ctx }) => findDealFilterOptions(ctx.db, { tenantId: ctx.tenant.tenantId })),

  byId: tenantProcedure
    .input(z.object({ dealId: z.string().max(64) }))
    .output(ZDealDetail)
    .query(async ({ ctx, input }) => {
      const deal = await findDealById(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        dealId: input.dealId,
      });
      if (!deal) throw new AppError("NOT_FOUND");
      return deal;
    }),
});

import { z } from "zod";

import { TRAFFIC_FIELDS } from "@/server/api/routers/traffic-fields";
import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";
import { findLeadById, findLeads } from "@/server/domain/leads/find-leads";
import { LEAD_ATTRIBUTION_RULES, ZLeadListRequestSchema } from "@/server/domain/leads/lead-filters";
import { AppError } from "@/server/errors";

const ZLeadRow = z.object({
  id: z.string(),
  externalId: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  crmCreatedAt: z.date(),
  sessionId: z.string().nullable(),
  attributionRule: z.enum(LEAD_ATTRIBUTION_RULES),
  ...TRAFFIC_FIELDS,
  landingUrl: z.string().nullable(),
  referrer: z.string().nullable(),
  yclid: z.string().nullable(),
  gclid: z.string().nullable(),
  fbclid: z.string().nullable(),
  tags: z.array(z.string()),
  declaredSource: z.string().nullable(),
  duplicateOfId: z.string().nullable(),
  dealId: z.string().nullable(),
  updatedAt: z.date(),
});

const ZLeadDetail = ZLeadRow.extend({
  raw: z.unknown(),
  createdAt: z.date(),
  pageViews: z.array(
    z.object({ id: z.string(), url: z.string(), title: z.string().nullable(), at: z.date() }),
  ),
});

/** Raw data → Обращения и цели (issue 4 §4): widget bookings with their attribution. */
export const leadsRouter = createTrpcRouter({
  list: tenantProcedure
    .input(ZLeadListRequestSchema)
    .output(
      z.object({
        data: z.array(ZLeadRow),
        count: z.number(),
        isCountCapped: z.boolean(),
        currentPage: z.number(),
        perPage: z.number(),
        totalPages: z.number(),
      }),
    )
    .query(({ ctx, input }) =>
      findLeads(ctx.db, { tenantId: ctx.tenant.tenantId, request: input }),
    ),

  byId: tenantProcedure
    .input(z.object({ leadId: z.string().max(64) }))
    .output(ZLeadDetail)
    .query(async ({ ctx, input }) => {
      const lead = await findLeadById(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        leadId: input.leadId,
      });
      if (!lead) throw new AppError("NOT_FOUND");
      return lead;
    }),
});

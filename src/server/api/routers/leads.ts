import { z } from "zod";

import { TRAFFIC_FIELDS } from "@/server/api/routers/traffic-fields";
import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";
import { findLeadById, findLeads } from "@/server/domain/leads/find-leads";
import {
  COMMUNICATION_KINDS,
  COMMUNICATION_RULES,
  LEAD_ATTRIBUTION_RULES,
  ZLeadListRequestSchema,
} from "@/server/domain/leads/lead-filters";
import { AppError } from "@/server/errors";

const ZLeadFields = {
  id: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  sessionId: z.string().nullable(),
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
};

/** A row of Обращения и цели: a booking or an incoming call (docs/call-tracking.md §6). */
const ZCommunicationRow = z.object({
  ...ZLeadFields,
  kind: z.enum(COMMUNICATION_KINDS),
  /** The booking's creation in Klientiks, the call's start. */
  occurredAt: z.date(),
  /** The booking's Klientiks id; null for a call. */
  externalId: z.string().nullable(),
  /** A booking's attribution rule or a call's tracking rule (null: a call not credited yet). */
  rule: z.enum(COMMUNICATION_RULES).nullable(),
  companyNumber: z.string().nullable(),
  talkSeconds: z.number().int().nullable(),
  disposition: z.enum(["answered", "no_answer", "busy", "cancelled", "failed"]).nullable(),
  isUniqueCall: z.boolean().nullable(),
  isTargetCall: z.boolean().nullable(),
});

const ZLeadDetail = z.object({
  ...ZLeadFields,
  externalId: z.string(),
  crmCreatedAt: z.date(),
  attributionRule: z.enum(LEAD_ATTRIBUTION_RULES),
  raw: z.unknown(),
  createdAt: z.date(),
  pageViews: z.array(
    z.object({ id: z.string(), url: z.string(), title: z.string().nullable(), at: z.date() }),
  ),
});

/** Raw data → Обращения и цели (issue 4 §4, call-tracking §6): bookings and incoming calls with their attribution. */
export const leadsRouter = createTrpcRouter({
  list: tenantProcedure
    .input(ZLeadListRequestSchema)
    .output(
      z.object({
        data: z.array(ZCommunicationRow),
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

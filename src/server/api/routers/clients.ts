import { z } from "zod";

import { ZCallRow } from "@/server/api/routers/calls";
import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";
import { findClientDetail } from "@/server/domain/clients/find-client-detail";
import { AppError } from "@/server/errors";

const ZClientDetail = z.object({
  client: z.object({
    id: z.string(),
    phone: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    klientiksClientId: z.string().nullable(),
    crmLookedUpAt: z.date().nullable(),
  }),
  calls: z.array(ZCallRow),
  deals: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      visitStartAt: z.date().nullable(),
      visitEndAt: z.date().nullable(),
      stage: z.string(),
      stageGroup: z.enum(["in_work", "won", "lost"]),
      amountMinor: z.number(),
      currency: z.string(),
      crmCreatedAt: z.date().nullable(),
    }),
  ),
  leads: z.array(
    z.object({
      id: z.string(),
      crmCreatedAt: z.date(),
      channel: z.string().nullable(),
      sourceName: z.string().nullable(),
      campaignName: z.string().nullable(),
      declaredSource: z.string().nullable(),
      utmSource: z.string().nullable(),
      utmMedium: z.string().nullable(),
      utmCampaign: z.string().nullable(),
      utmContent: z.string().nullable(),
      utmTerm: z.string().nullable(),
      dealId: z.string().nullable(),
    }),
  ),
});

/** The client page (`/w/{slug}/clients/{id}`, issue 9 §6): one client's calls, visits and leads. */
export const clientsRouter = createTrpcRouter({
  detail: tenantProcedure
    .input(z.object({ clientId: z.string().max(64) }))
    .output(ZClientDetail)
    .query(async ({ ctx, input }) => {
      const detail = await findClientDetail(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        clientId: input.clientId,
      });
      if (!detail) throw new AppError("NOT_FOUND");
      return detail;
    }),
});

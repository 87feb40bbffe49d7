import { z } from "zod";

import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";

export const workspaceRouter = createTrpcRouter({
  current: tenantProcedure
    .output(
      z.object({
        tenantId: z.string(),
        slug: z.string(),
        name: z.string(),
        timezone: z.string(),
        currency: z.string(),
        role: z.enum(["owner", "admin", "agent"]),
        membershipId: z.string(),
      }),
    )
    .query(({ ctx }) => ({ ...ctx.tenant, name: ctx.tenant.tenantName })),
});

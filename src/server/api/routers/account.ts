import { z } from "zod";

import { createTrpcRouter, protectedProcedure, publicProcedure } from "@/server/api/trpc";
import { createTenant } from "@/server/domain/tenants/create-tenant";
import { findUserWorkspaces } from "@/server/domain/tenants/find-memberships";
import { ZCreateWorkspaceRequestSchema } from "@/server/domain/tenants/schemas";
import { registerUser } from "@/server/domain/users/register-user";
import { ZSignUpRequestSchema } from "@/server/domain/users/schemas";

const ZRole = z.enum(["owner", "admin", "agent"]);

export const accountRouter = createTrpcRouter({
  signUp: publicProcedure
    .input(ZSignUpRequestSchema)
    .output(z.object({ id: z.string(), email: z.string() }))
    .mutation(({ ctx, input }) => registerUser(ctx.db, input)),

  workspaces: protectedProcedure
    .output(
      z.array(z.object({ tenantId: z.string(), slug: z.string(), name: z.string(), role: ZRole })),
    )
    .query(({ ctx }) => findUserWorkspaces(ctx.db, ctx.user.id)),

  createWorkspace: protectedProcedure
    .input(ZCreateWorkspaceRequestSchema)
    .output(z.object({ id: z.string(), slug: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => createTenant(ctx.db, { userId: ctx.user.id, request: input })),
});

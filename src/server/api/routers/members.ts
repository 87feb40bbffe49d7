import { z } from "zod";

import { createTrpcRouter, tenantAdminProcedure, tenantProcedure } from "@/server/api/trpc";
import {
  changeMemberRole,
  findMembers,
  removeMember,
} from "@/server/domain/members/manage-members";

const ZRole = z.enum(["owner", "admin", "agent"]);

export const membersRouter = createTrpcRouter({
  list: tenantAdminProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          role: ZRole,
          joinedAt: z.date(),
          userId: z.string(),
          name: z.string(),
          email: z.string(),
        }),
      ),
    )
    .query(({ ctx }) => findMembers(ctx.db, { tenantId: ctx.tenant.tenantId })),

  changeRole: tenantAdminProcedure
    .input(z.object({ membershipId: z.string().max(64), role: ZRole }))
    .output(z.object({ id: z.string(), role: ZRole }))
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        actorRole: ctx.tenant.role,
        membershipId: input.membershipId,
        role: input.role,
      }),
    ),

  /** Admins remove others; anyone may remove themselves (leave). */
  remove: tenantProcedure
    .input(z.object({ membershipId: z.string().max(64) }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      removeMember(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        actorRole: ctx.tenant.role,
        membershipId: input.membershipId,
      }),
    ),
});

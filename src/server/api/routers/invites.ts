import { z } from "zod";

import { createTrpcRouter, protectedProcedure, tenantAdminProcedure } from "@/server/api/trpc";
import {
  acceptInvite,
  createInvite,
  findPendingInvites,
  previewInvite,
  revokeInvite,
} from "@/server/domain/invites/manage-invites";

const ZRole = z.enum(["owner", "admin", "agent"]);
const ZInviteToken = z.object({
  token: z.string().min(20, "inviteInvalid").max(100, "inviteInvalid"),
});

export const invitesRouter = createTrpcRouter({
  /** Token-based: whoever holds the link may see which workspace it is for. */
  preview: protectedProcedure
    .input(ZInviteToken)
    .output(z.object({ workspaceName: z.string(), role: ZRole, expiresAt: z.date() }))
    .query(({ ctx, input }) => previewInvite(ctx.db, { token: input.token })),

  accept: protectedProcedure
    .input(ZInviteToken)
    .output(z.object({ slug: z.string() }))
    .mutation(({ ctx, input }) =>
      acceptInvite(ctx.db, { token: input.token, userId: ctx.user.id }),
    ),

  create: tenantAdminProcedure
    .input(z.object({ role: ZRole }))
    .output(z.object({ id: z.string(), role: ZRole, expiresAt: z.date(), token: z.string() }))
    .mutation(({ ctx, input }) =>
      createInvite(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        actorRole: ctx.tenant.role,
        role: input.role,
      }),
    ),

  listPending: tenantAdminProcedure
    .output(
      z.array(z.object({ id: z.string(), role: ZRole, expiresAt: z.date(), createdAt: z.date() })),
    )
    .query(({ ctx }) => findPendingInvites(ctx.db, { tenantId: ctx.tenant.tenantId })),

  revoke: tenantAdminProcedure
    .input(z.object({ inviteId: z.string().max(64) }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      revokeInvite(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        actorUserId: ctx.user.id,
        inviteId: input.inviteId,
      }),
    ),
});

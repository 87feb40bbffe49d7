import { afterAll, describe, expect, it } from "vitest";

import {
  acceptInvite,
  createInvite,
  previewInvite,
  viewInvite,
} from "@/server/domain/invites/manage-invites";
import {
  changeMemberRole,
  findMembers,
  removeMember,
} from "@/server/domain/members/manage-members";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";
import { AppError } from "@/server/errors";

import { createTestUser, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const expectAppError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
};

describe("workspaces, members and invites against the real database", () => {
  it("makes the creator the owner and resolves membership only for members", async () => {
    const { owner, tenant } = await createTestWorkspace(db, "Салон");
    const stranger = await createTestUser(db, "stranger");
    expect(
      await findMembershipBySlug(db, { userId: owner.id, unverifiedTenantSlug: tenant.slug }),
    ).toMatchObject({ tenantId: tenant.id, role: "owner" });
    expect(
      await findMembershipBySlug(db, { userId: stranger.id, unverifiedTenantSlug: tenant.slug }),
    ).toBeNull();
  });

  it("joins through a single-use invite and refuses it after use and after expiry", async () => {
    const { owner, tenant } = await createTestWorkspace(db);
    const invite = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "agent",
    });
    expect(await previewInvite(db, { token: invite.token })).toMatchObject({ role: "agent" });

    const agent = await createTestUser(db, "agent");
    await expect(acceptInvite(db, { token: invite.token, userId: agent.id })).resolves.toEqual({
      slug: tenant.slug,
    });
    await expectAppError(
      acceptInvite(db, { token: invite.token, userId: (await createTestUser(db, "late")).id }),
      "INVITE_INVALID",
    );

    const old = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "agent",
      now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
    });
    await expectAppError(
      acceptInvite(db, { token: old.token, userId: agent.id }),
      "INVITE_EXPIRED",
    );
    expect(
      (await findMembers(db, { tenantId: tenant.id })).map((member) => member.role).sort(),
    ).toEqual(["agent", "owner"]);
  });

  it("tells a signed-out visitor who invites them where, and nothing more, only for a usable link", async () => {
    const { owner, tenant } = await createTestWorkspace(db, "Студия");
    const invite = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "admin",
    });
    expect(await viewInvite(db, { token: invite.token, viewerUserId: null })).toEqual({
      kind: "visitor",
      inviterName: owner.name,
      workspaceName: tenant.name,
    });

    await expectAppError(
      viewInvite(db, { token: "x".repeat(43), viewerUserId: null }),
      "INVITE_INVALID",
    );
    await acceptInvite(db, { token: invite.token, userId: (await createTestUser(db, "admin")).id });
    await expectAppError(
      viewInvite(db, { token: invite.token, viewerUserId: null }),
      "INVITE_INVALID",
    );
    const expired = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "agent",
      now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
    });
    await expectAppError(
      viewInvite(db, { token: expired.token, viewerUserId: null }),
      "INVITE_EXPIRED",
    );
  });

  it("tells a member who opens a used link that they are already in, and never uses a link up on a member", async () => {
    const { owner, tenant } = await createTestWorkspace(db, "Студия");
    const invite = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "agent",
    });
    const agent = await createTestUser(db, "agent");
    expect(await viewInvite(db, { token: invite.token, viewerUserId: agent.id })).toMatchObject({
      kind: "open",
      inviterName: owner.name,
      role: "agent",
    });
    await acceptInvite(db, { token: invite.token, userId: agent.id });

    expect(await viewInvite(db, { token: invite.token, viewerUserId: agent.id })).toEqual({
      kind: "member",
      workspaceName: tenant.name,
      slug: tenant.slug,
    });
    await expectAppError(
      viewInvite(db, {
        token: invite.token,
        viewerUserId: (await createTestUser(db, "stranger")).id,
      }),
      "INVITE_INVALID",
    );

    const second = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "agent",
    });
    expect(await viewInvite(db, { token: second.token, viewerUserId: owner.id })).toMatchObject({
      kind: "member",
    });
    await expect(acceptInvite(db, { token: second.token, userId: owner.id })).resolves.toEqual({
      slug: tenant.slug,
    });
    expect(await previewInvite(db, { token: second.token })).toMatchObject({ role: "agent" });
  });

  it("never removes or demotes the last owner, and admins cannot touch owners", async () => {
    const { owner, tenant } = await createTestWorkspace(db);
    const [ownerMembership] = await findMembers(db, { tenantId: tenant.id });
    await expectAppError(
      changeMemberRole(db, {
        tenantId: tenant.id,
        actorUserId: owner.id,
        actorRole: "owner",
        membershipId: ownerMembership!.id,
        role: "admin",
      }),
      "LAST_OWNER",
    );
    await expectAppError(
      removeMember(db, {
        tenantId: tenant.id,
        actorUserId: owner.id,
        actorRole: "owner",
        membershipId: ownerMembership!.id,
      }),
      "LAST_OWNER",
    );

    const admin = await createTestUser(db, "admin");
    const invite = await createInvite(db, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      actorRole: "owner",
      role: "admin",
    });
    await acceptInvite(db, { token: invite.token, userId: admin.id });
    await expectAppError(
      removeMember(db, {
        tenantId: tenant.id,
        actorUserId: admin.id,
        actorRole: "admin",
        membershipId: ownerMembership!.id,
      }),
      "FORBIDDEN",
    );
    await expectAppError(
      createInvite(db, {
        tenantId: tenant.id,
        actorUserId: admin.id,
        actorRole: "admin",
        role: "owner",
      }),
      "FORBIDDEN",
    );
  });

  it("answers NOT_FOUND for another workspace's membership ids", async () => {
    const a = await createTestWorkspace(db, "A");
    const b = await createTestWorkspace(db, "B");
    const [membershipOfA] = await findMembers(db, { tenantId: a.tenant.id });
    await expectAppError(
      removeMember(db, {
        tenantId: b.tenant.id,
        actorUserId: b.owner.id,
        actorRole: "owner",
        membershipId: membershipOfA!.id,
      }),
      "NOT_FOUND",
    );
    expect(await findMembers(db, { tenantId: a.tenant.id })).toHaveLength(1);
  });

  it("refuses mass writes with an undefined filter (R16)", async () => {
    const { tenant } = await createTestWorkspace(db);
    const before = await db.auditLog.count({ where: { tenantId: tenant.id } });
    await expect(db.auditLog.deleteMany({ where: { tenantId: undefined } })).rejects.toThrow(
      /refused/,
    );
    expect(await db.auditLog.count({ where: { tenantId: tenant.id } })).toBe(before);
  });
});

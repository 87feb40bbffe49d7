"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

const ROLES = ["owner", "admin", "agent"] as const;
type TRole = (typeof ROLES)[number];

export function MembersManager({
  currentMembershipId,
  currentRole,
}: {
  currentMembershipId: string;
  currentRole: TRole;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formError } = useErrorText();
  const members = useQuery(trpc.members.list.queryOptions());
  const invites = useQuery(trpc.invites.listPending.queryOptions());
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.invites.listPending.queryKey() }),
    ]);
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({ onSettled: invalidate }),
  );
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSettled: invalidate }));
  const createInvite = useMutation(trpc.invites.create.mutationOptions({ onSuccess: invalidate }));
  const revokeInvite = useMutation(trpc.invites.revoke.mutationOptions({ onSuccess: invalidate }));
  const [inviteRole, setInviteRole] = useState<TRole>("agent");
  const assignableRoles =
    currentRole === "owner" ? ROLES : ROLES.filter((role) => role !== "owner");
  const inviteUrl = createInvite.data
    ? `${window.location.origin}/invite/${createInvite.data.token}`
    : null;

  return (
    <div className="space-y-8">
      <Card isFlush>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-3">{t("members.name")}</th>
              <th className="px-4 py-3">{t("members.email")}</th>
              <th className="px-4 py-3">{t("members.role")}</th>
              <th className="px-4 py-3">{t("members.joined")}</th>
              <th className="px-4 py-3" />
            </tr>
          </thead>
          <tbody>
            {members.data?.map((member) => {
              const isSelf = member.id === currentMembershipId;
              const isLocked = currentRole !== "owner" && member.role === "owner";
              return (
                <tr
                  key={member.id}
                  className="border-b border-slate-100 last:border-0"
                  data-testid="member-row"
                >
                  <td className="px-4 py-3 font-medium">
                    {member.name}
                    {isSelf ? (
                      <span className="ml-1 text-slate-400">({t("members.you")})</span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{member.email}</td>
                  <td className="px-4 py-3">
                    <select
                      aria-label={`${t("members.changeRole")}: ${member.name}`}
                      value={member.role}
                      disabled={isLocked || changeRole.isPending}
                      onChange={(event) =>
                        changeRole.mutate({
                          membershipId: member.id,
                          role: event.target.value as TRole,
                        })
                      }
                      className="rounded border border-slate-300 bg-white px-2 py-1"
                    >
                      {(isLocked ? ROLES : assignableRoles).map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {format.dateTime(member.joinedAt, { dateStyle: "medium" })}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {!isLocked ? (
                      <Button
                        variant="danger"
                        size="sm"
                        onClick={() =>
                          window.confirm(t("members.confirmRemove", { name: member.name })) &&
                          remove.mutate({ membershipId: member.id })
                        }
                      >
                        {isSelf ? t("members.leave") : t("members.remove")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <FormError message={formError(changeRole.error ?? remove.error)} />

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t("members.inviteTitle")}</h2>
        <div className="flex items-end gap-3">
          <div className="w-56">
            <SelectField
              label={t("members.inviteRole")}
              value={inviteRole}
              onChange={(event) => setInviteRole(event.target.value as TRole)}
            >
              {assignableRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <Button
            onClick={() => createInvite.mutate({ role: inviteRole })}
            disabled={createInvite.isPending}
          >
            {t("members.createInvite")}
          </Button>
        </div>
        {inviteUrl ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{t("members.inviteCreated")}</p>
            <CopyField value={inviteUrl} label={t("members.inviteTitle")} testId="invite-url" />
          </div>
        ) : null}
        <FormError message={formError(createInvite.error ?? revokeInvite.error)} />
        <div>
          <h3 className="text-sm font-semibold text-slate-700">{t("members.pendingInvites")}</h3>
          {invites.data?.length ? (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {invites.data.map((invite) => (
                <li key={invite.id} className="flex items-center justify-between py-2">
                  <span>
                    {t(`roles.${invite.role}`)} ·{" "}
                    {t("members.expires", {
                      date: format.dateTime(invite.expiresAt, {
                        dateStyle: "medium",
                        timeStyle: "short",
                      }),
                    })}
                  </span>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => revokeInvite.mutate({ inviteId: invite.id })}
                  >
                    {t("members.revoke")}
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{t("members.noPendingInvites")}</p>
          )}
        </div>
      </Card>
    </div>
  );
}

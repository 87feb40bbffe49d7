import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";

import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { viewInvite, type TInviteView } from "@/server/domain/invites/manage-invites";
import { isAppError } from "@/server/errors";

import { AcceptInviteButton } from "./accept-invite-button";

const LINK_BUTTON = "inline-flex rounded-md px-4 py-2 text-sm font-medium";

/** What the link shows this viewer, or the reason it cannot be used. */
async function loadInvite(
  token: string,
  viewerUserId: string | null,
): Promise<{ view: TInviteView; problem: null } | { view: null; problem: string }> {
  try {
    return { view: await viewInvite(getDb(), { token, viewerUserId }), problem: null };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return {
      view: null,
      problem: error.code === "INVITE_EXPIRED" ? "invite.expired" : "invite.invalid",
    };
  }
}

/** Open to signed-out visitors (src/proxy.ts): they see who invites them where, then sign in or up and come back. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getSessionUser();
  const t = await getTranslations();
  const { view, problem } = await loadInvite(token, user?.id ?? null);
  const comeBack = `next=${encodeURIComponent(`/invite/${token}`)}`;
  let body: ReactNode;
  if (!view) {
    body = (
      <p role="status" className="text-red-700">
        {t(problem)}
      </p>
    );
  } else if (view.kind === "member") {
    body = (
      <>
        <p role="status" className="text-slate-700">
          {t("invite.alreadyMember", { workspace: view.workspaceName })}
        </p>
        <div className="mt-6">
          <Link
            href={`/w/${view.slug}/deals`}
            className={`${LINK_BUTTON} bg-brand-600 text-white hover:bg-brand-700`}
          >
            {t("invite.openWorkspace")}
          </Link>
        </div>
      </>
    );
  } else if (view.kind === "visitor") {
    body = (
      <>
        <p className="text-slate-700">
          {t("invite.fromInviter", { inviter: view.inviterName, workspace: view.workspaceName })}
        </p>
        <p className="mt-2 text-sm text-slate-600">{t("invite.signInToAccept")}</p>
        <div className="mt-6 flex gap-3">
          <Link
            href={`/sign-in?${comeBack}`}
            className={`${LINK_BUTTON} bg-brand-600 text-white hover:bg-brand-700`}
          >
            {t("auth.signInSubmit")}
          </Link>
          <Link
            href={`/sign-up?${comeBack}`}
            className={`${LINK_BUTTON} border border-slate-300 text-slate-800 hover:bg-slate-50`}
          >
            {t("auth.signUpSubmit")}
          </Link>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p className="text-slate-700">
          {t("invite.text", { workspace: view.workspaceName, role: t(`roles.${view.role}`) })}
        </p>
        {view.inviterName ? (
          <p className="mt-1 text-sm text-slate-600">
            {t("invite.invitedBy", { inviter: view.inviterName })}
          </p>
        ) : null}
        <div className="mt-6">
          <AcceptInviteButton token={token} />
        </div>
      </>
    );
  }
  return (
    <main className="mx-auto max-w-lg px-4 py-20">
      <Card>
        <h1 className="mb-4 text-xl font-semibold">{t("invite.title")}</h1>
        {body}
      </Card>
    </main>
  );
}

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { previewInvite } from "@/server/domain/invites/manage-invites";
import { isAppError } from "@/server/errors";
import { AcceptInviteButton } from "./accept-invite-button";

/** The preview, or the reason the link cannot be used. */
async function loadInvite(token: string) {
  try {
    return { invite: await previewInvite(getDb(), { token }), problem: null };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { invite: null, problem: error.code === "INVITE_EXPIRED" ? "invite.expired" : "invite.invalid" };
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await getSessionUser())) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`);
  const t = await getTranslations();
  const { invite, problem } = await loadInvite(token);
  return (
    <main className="mx-auto max-w-lg px-4 py-20">
      <Card>
        <h1 className="mb-4 text-xl font-semibold">{t("invite.title")}</h1>
        {invite ? (
          <>
            <p className="text-slate-700">{t("invite.text", { workspace: invite.workspaceName, role: t(`roles.${invite.role}`) })}</p>
            <div className="mt-6"><AcceptInviteButton token={token} /></div>
          </>
        ) : (
          <p role="status" className="text-red-700">{t(problem)}</p>
        )}
      </Card>
    </main>
  );
}

import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";
import { MembersManager } from "./members-manager";

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations("members");
  if (!canManageMembers(membership.role)) {
    return (
      <Card className="max-w-xl" data-testid="members-forbidden">
        <h1 className="text-xl font-semibold">{t("forbiddenTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("forbiddenText")}</p>
      </Card>
    );
  }
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <MembersManager currentMembershipId={membership.membershipId} currentRole={membership.role} />
    </>
  );
}

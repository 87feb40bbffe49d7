import { getTranslations } from "next-intl/server";

import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";

import { MembersManager } from "./members-manager";

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations("members");
  if (!canManageMembers(membership.role)) {
    return <AdminOnlyNotice text={t("forbiddenText")} testId="members-forbidden" />;
  }
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <MembersManager currentMembershipId={membership.membershipId} currentRole={membership.role} />
    </>
  );
}

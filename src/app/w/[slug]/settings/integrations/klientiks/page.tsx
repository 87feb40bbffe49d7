import { getTranslations } from "next-intl/server";

import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";

import { KlientiksSettings } from "./klientiks-settings";

export default async function KlientiksSettingsPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations();
  if (!canManageMembers(membership.role)) {
    return <AdminOnlyNotice text={t("klientiks.forbiddenText")} />;
  }
  return (
    <>
      <PageHeader title={t("klientiks.title")} subtitle={t("klientiks.subtitle")} />
      <KlientiksSettings />
    </>
  );
}

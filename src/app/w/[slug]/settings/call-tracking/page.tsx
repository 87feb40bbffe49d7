import { getTranslations } from "next-intl/server";

import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";

import { CallTrackingSettings } from "./call-tracking-settings";

export default async function CallTrackingSettingsPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations("callTracking");
  if (!canManageMembers(membership.role)) return <AdminOnlyNotice text={t("forbiddenText")} />;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <CallTrackingSettings timeZone={membership.timezone} />
    </>
  );
}

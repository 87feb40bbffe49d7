import { getTranslations } from "next-intl/server";
import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { SettingsIntro } from "@/components/settings-intro";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";

export default async function TelephonySettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  // Telephony is an integration: the same people configure it as Klientiks.
  if (!canManageMembers(membership.role)) return <AdminOnlyNotice text={(await getTranslations("klientiks"))("forbiddenText")} />;
  return <SettingsIntro titleKey="telephonyTitle" textKey="telephonyText" />;
}

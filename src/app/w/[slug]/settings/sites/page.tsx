import { getTranslations } from "next-intl/server";

import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";

import { CampaignsSection } from "./campaigns-section";
import { SitesSection } from "./sites-section";
import { SourcesSection } from "./sources-section";

export default async function SitesSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations();
  if (!canManageMembers(membership.role)) {
    return <AdminOnlyNotice text={t("sites.forbiddenText")} />;
  }
  return (
    <>
      <PageHeader title={t("sites.title")} subtitle={t("sites.subtitle")} />
      <div className="max-w-5xl space-y-10">
        <SitesSection />
        <SourcesSection />
        <CampaignsSection />
      </div>
    </>
  );
}

import { getTranslations } from "next-intl/server";

import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { DealRecomputeProgress } from "@/components/deals/deal-recompute-progress";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";

import { AttributionModelForm } from "./attribution-model-form";
import { LeadSourceMappings } from "./lead-source-mappings";

export default async function AttributionSettingsPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations("attribution");
  if (!canManageMembers(membership.role)) return <AdminOnlyNotice text={t("forbiddenText")} />;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="max-w-4xl space-y-6">
        <AttributionModelForm />
        {/* Both cards start the same recompute; one bar reports it. */}
        <DealRecomputeProgress />
        <LeadSourceMappings />
      </div>
    </>
  );
}

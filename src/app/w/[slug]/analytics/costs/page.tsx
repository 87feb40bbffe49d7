import { getTranslations } from "next-intl/server";

import { AdminOnlyNotice } from "@/components/admin-only-notice";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { getDb } from "@/server/db/client";
import { canSeeCosts } from "@/server/domain/analytics/costs/can-see-costs";
import { findHideCostsFromAgents } from "@/server/domain/analytics/costs/cost-visibility";
import { canManageMembers } from "@/server/domain/members/roles";

import { CostsView } from "./costs-view";

/** Analytics → Расходы: owners and admins edit; agents read unless costs are hidden from them. */
export default async function CostsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations("costs");
  const hideCostsFromAgents = await findHideCostsFromAgents(getDb(), {
    tenantId: membership.tenantId,
  });
  if (!canSeeCosts({ role: membership.role, hideCostsFromAgents }))
    return <AdminOnlyNotice text={t("hiddenText")} testId="costs-hidden" />;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <CostsView canEdit={canManageMembers(membership.role)} currency={membership.currency} />
    </>
  );
}

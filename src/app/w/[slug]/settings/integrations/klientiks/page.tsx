import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requireMembership } from "@/server/auth/require-membership";
import { canManageMembers } from "@/server/domain/members/roles";
import { KlientiksSettings } from "./klientiks-settings";

export default async function KlientiksSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations();
  if (!canManageMembers(membership.role)) {
    return (
      <Card className="max-w-xl">
        <h1 className="text-xl font-semibold">{t("members.forbiddenTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("klientiks.tariffNote")}</p>
      </Card>
    );
  }
  return (
    <>
      <PageHeader title={t("klientiks.title")} subtitle={t("klientiks.subtitle")} />
      <KlientiksSettings />
    </>
  );
}

import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default async function CallsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.calls")} />
      <EmptyState title={t("empty.callsTitle")} text={t("empty.callsText")} action={{ href: `/w/${slug}/settings/telephony`, label: t("empty.goTelephony") }} />
    </>
  );
}

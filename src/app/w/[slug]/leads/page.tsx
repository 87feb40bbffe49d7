import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default async function LeadsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.leads")} />
      <EmptyState title={t("empty.leadsTitle")} text={t("empty.leadsText")} action={{ href: `/w/${slug}/settings/sites`, label: t("empty.goSites") }} />
    </>
  );
}

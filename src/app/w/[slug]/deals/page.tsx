import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default async function DealsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.deals")} />
      <EmptyState title={t("empty.dealsTitle")} text={t("empty.dealsText")} action={{ href: `/w/${slug}/settings/integrations/klientiks`, label: t("empty.goKlientiks") }} />
    </>
  );
}

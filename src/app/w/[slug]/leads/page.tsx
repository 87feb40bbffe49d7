import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";

import { LeadsView } from "./leads-view";

export default async function LeadsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.leads")} subtitle={t("leads.subtitle")} />
      {/* The view reads its filters from the URL search params. */}
      <Suspense>
        <LeadsView slug={membership.slug} timeZone={membership.timezone} />
      </Suspense>
    </>
  );
}

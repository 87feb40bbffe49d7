import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";

import { DealsView } from "./deals-view";

export default async function DealsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.deals")} subtitle={t("deals.subtitle")} />
      {/* The view reads its filters from the URL search params. */}
      <Suspense>
        <DealsView slug={membership.slug} timeZone={membership.timezone} />
      </Suspense>
    </>
  );
}

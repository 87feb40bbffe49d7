import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";

import { AnalyticsView } from "./analytics-view";

export default async function AnalyticsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations("analytics");
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {/* The view reads its period and order from the URL search params. */}
      <Suspense>
        <AnalyticsView
          slug={membership.slug}
          timeZone={membership.timezone}
          currency={membership.currency}
        />
      </Suspense>
    </>
  );
}

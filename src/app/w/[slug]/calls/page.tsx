import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireMembership } from "@/server/auth/require-membership";
import { getDb } from "@/server/db/client";
import { hasTelephonyConnection } from "@/server/domain/calls/find-calls";

import { CallsView } from "./calls-view";

export default async function CallsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { membership } = await requireMembership((await params).slug);
  const t = await getTranslations();
  const isConnected = await hasTelephonyConnection(getDb(), { tenantId: membership.tenantId });
  return (
    <>
      <PageHeader title={t("nav.calls")} subtitle={isConnected ? t("calls.subtitle") : undefined} />
      {isConnected ? (
        // The view reads its filters from the URL search params.
        <Suspense>
          <CallsView slug={membership.slug} timeZone={membership.timezone} />
        </Suspense>
      ) : (
        <EmptyState
          title={t("empty.callsTitle")}
          text={t("empty.callsText")}
          action={{
            href: `/w/${membership.slug}/settings/telephony`,
            label: t("empty.goTelephony"),
          }}
        />
      )}
    </>
  );
}

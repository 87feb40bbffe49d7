import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";

import { LiveEventsProvider } from "@/components/live/live-events-provider";
import { CollapsibleSidebar } from "@/components/shell/collapsible-sidebar";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { WorkspaceAccessProvider } from "@/components/shell/workspace-access";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { requireMembership } from "@/server/auth/require-membership";
import { getDb } from "@/server/db/client";
import { canSeeCosts } from "@/server/domain/analytics/costs/can-see-costs";
import { findHideCostsFromAgents } from "@/server/domain/analytics/costs/cost-visibility";
import { hasRecentPoolExhaustion } from "@/server/domain/call-tracking/coverage";
import { findKlientiksConnection } from "@/server/domain/klientiks/connections";
import { canManageMembers } from "@/server/domain/members/roles";
import { findUserWorkspaces } from "@/server/domain/tenants/find-memberships";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { user, membership } = await requireMembership(slug);
  const canManage = canManageMembers(membership.role);
  const [workspaces, klientiks, hideCostsFromAgents, isPoolExhausted] = await Promise.all([
    findUserWorkspaces(getDb(), user.id),
    findKlientiksConnection(getDb(), { tenantId: membership.tenantId }),
    findHideCostsFromAgents(getDb(), { tenantId: membership.tenantId }),
    // Owners and admins only: they can add numbers (docs/call-tracking.md §2).
    canManage ? hasRecentPoolExhaustion(getDb(), { tenantId: membership.tenantId }) : false,
  ]);
  const t = await getTranslations();
  const attentionClass =
    "mb-6 block rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900";
  return (
    <div className="min-h-screen lg:flex">
      <CollapsibleSidebar
        brand={
          <Link href="/" className="text-lg font-bold text-brand-700">
            {t("common.appName")}
          </Link>
        }
      >
        <Link href="/" className="px-2 text-xl font-bold text-brand-700">
          {t("common.appName")}
        </Link>
        <div className="mt-4">
          <WorkspaceSwitcher
            current={membership.slug}
            workspaces={workspaces.map(({ slug: s, name }) => ({ slug: s, name }))}
          />
        </div>
        <div className="mt-6 flex-1">
          <SidebarNav
            slug={membership.slug}
            canManage={canManage}
            canSeeCosts={canSeeCosts({ role: membership.role, hideCostsFromAgents })}
          />
        </div>
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <div className="px-2 text-sm">
            <p className="font-medium text-slate-900" data-testid="current-user">
              {user.name}
            </p>
            <p className="text-xs text-slate-500">
              {user.email} · {t(`roles.${membership.role}`)}
            </p>
          </div>
          <div className="flex items-center justify-between px-2">
            <LocaleSwitcher />
          </div>
          <SignOutButton />
        </div>
      </CollapsibleSidebar>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        {klientiks?.status !== "needs_attention" ? null : canManage ? (
          <Link
            href={`/w/${membership.slug}/settings/integrations/klientiks`}
            data-testid="attention-banner"
            className={`${attentionClass} hover:bg-amber-100`}
          >
            {t("klientiks.needsAttentionShort")}
          </Link>
        ) : (
          <p data-testid="attention-banner" className={attentionClass}>
            {t("klientiks.needsAttentionForMembers")}
          </p>
        )}
        {isPoolExhausted ? (
          <Link
            href={`/w/${membership.slug}/settings/call-tracking`}
            data-testid="ct-exhaustion-banner"
            className={`${attentionClass} hover:bg-amber-100`}
          >
            {t("callTracking.exhaustedBanner")}
          </Link>
        ) : null}
        <WorkspaceAccessProvider canManage={canManage}>
          <LiveEventsProvider slug={membership.slug} timeZone={membership.timezone}>
            {children}
          </LiveEventsProvider>
        </WorkspaceAccessProvider>
      </main>
    </div>
  );
}

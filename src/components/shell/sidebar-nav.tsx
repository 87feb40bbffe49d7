"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { isNavItemActive } from "@/components/shell/nav-active";
import { cn } from "@/lib/cn";
import { isManagerSection } from "@/lib/manager-sections";

/** `isExact`: see isNavItemActive. `showsCosts`: hidden from those who may not see costs. */
type TNavItem = { section: string; labelKey: string; isExact?: boolean; showsCosts?: boolean };
type TNavGroup = { titleKey: string; items: TNavItem[] };

// Analytics first: it is the workspace's home page (docs/analytics.md).
const NAV: TNavGroup[] = [
  {
    titleKey: "analytics",
    items: [
      { section: "analytics", labelKey: "analyticsReport", isExact: true },
      { section: "analytics/costs", labelKey: "costs", showsCosts: true },
    ],
  },
  {
    titleKey: "rawData",
    items: [
      { section: "deals", labelKey: "deals" },
      { section: "leads", labelKey: "leads" },
    ],
  },
  { titleKey: "calls", items: [{ section: "calls", labelKey: "calls" }] },
  {
    titleKey: "settings",
    items: [
      { section: "settings/integrations/klientiks", labelKey: "klientiks" },
      { section: "settings/telephony", labelKey: "telephony" },
      { section: "settings/sites", labelKey: "sites" },
      { section: "settings/call-tracking", labelKey: "callTracking" },
      { section: "settings/attribution", labelKey: "attribution" },
    ],
  },
  { titleKey: "members", items: [{ section: "members", labelKey: "members" }] },
];

/** The workspace's sections the viewer's role can use; a group left without any is not shown. */
export function SidebarNav({
  slug,
  canManage,
  canSeeCosts,
}: {
  slug: string;
  canManage: boolean;
  canSeeCosts: boolean;
}) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const canOpen = (item: TNavItem) =>
    (canManage || !isManagerSection(`/w/${slug}/${item.section}`)) &&
    (canSeeCosts || !item.showsCosts);
  const groups = NAV.map((group) => ({
    ...group,
    items: group.items.filter(canOpen),
  })).filter((group) => group.items.length > 0);
  return (
    <nav aria-label="main" className="space-y-6">
      {groups.map((group) => (
        <div key={group.titleKey}>
          <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">
            {t(group.titleKey)}
          </p>
          <ul className="mt-2 space-y-1">
            {group.items.map((item) => {
              const href = `/w/${slug}/${item.section}`;
              const isActive = isNavItemActive(pathname, href, item.isExact);
              return (
                <li key={item.section}>
                  <Link
                    href={href}
                    aria-current={isActive ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-2 py-1.5 text-sm",
                      isActive
                        ? "bg-brand-50 font-medium text-brand-700"
                        : "text-slate-700 hover:bg-slate-100",
                    )}
                  >
                    {t(item.labelKey)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";

import { workspaceLabels, type TWorkspaceOption } from "@/components/shell/workspace-labels";

/** Switching keeps the user on the same section of the other workspace. */
export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: string;
  workspaces: TWorkspaceOption[];
}) {
  const t = useTranslations("nav");
  const router = useRouter();
  const section = usePathname().replace(/^\/w\/[^/]+\/?/, "") || "deals";
  const labels = workspaceLabels(workspaces);
  const change = (slug: string) =>
    router.push(slug === "__new" ? "/onboarding" : `/w/${slug}/${section}`);
  return (
    <label className="block">
      <span className="sr-only">{t("switchWorkspace")}</span>
      <select
        aria-label={t("switchWorkspace")}
        value={current}
        onChange={(event) => change(event.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-medium"
      >
        {workspaces.map((workspace) => (
          <option key={workspace.slug} value={workspace.slug}>
            {labels.get(workspace.slug)}
          </option>
        ))}
        <option value="__new">+ {t("newWorkspace")}</option>
      </select>
    </label>
  );
}

"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { useCanOpen } from "@/components/shell/workspace-access";

export type TEmptyStateProps = {
  title: string;
  text: string;
  action?: { href: string; label: string };
};

/**
 * What a page shows before data exists: how data will arrive and where to set it up. A viewer who
 * cannot open the setup page (an agent, for settings) is told who can, instead of a link to «Нет доступа».
 */
export function EmptyState({ title, text, action: requestedAction }: TEmptyStateProps) {
  const t = useTranslations("empty");
  const canOpen = useCanOpen();
  const action = requestedAction && canOpen(requestedAction.href) ? requestedAction : undefined;
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-dashed border-slate-300 bg-white px-8 py-12 text-center">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600">{text}</p>
      {action ? (
        <Link
          href={action.href}
          className="mt-6 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {action.label}
        </Link>
      ) : requestedAction ? (
        <p className="mt-4 text-sm text-slate-500" data-testid="empty-state-ask-manager">
          {t("askManager")}
        </p>
      ) : null}
    </div>
  );
}

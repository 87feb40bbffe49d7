"use client";

import { useTranslations } from "next-intl";
import type { MouseEvent } from "react";

/**
 * Marks a repeat booking and opens the first lead of the same phone. Inside a clickable row the
 * click stays here, or the row would open the repeat itself.
 */
export function LeadDuplicateBadge({
  originalId,
  onOpen,
}: {
  originalId: string;
  onOpen: (leadId: string) => void;
}) {
  const t = useTranslations("leads.duplicate");
  const open = (event: MouseEvent) => {
    event.stopPropagation();
    onOpen(originalId);
  };
  return (
    <button
      type="button"
      onClick={open}
      title={t("openOriginal")}
      data-duplicate-of={originalId}
      className="inline-flex whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-brand-500"
    >
      {t("badge")}
    </button>
  );
}

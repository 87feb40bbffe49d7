"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { MutedText } from "@/components/data-table/muted-text";

import { dealPageHref } from "../deals/deals-url-state";

/** The deal of the same appointment, opened in the deals page's drawer; a dash until the deals sync delivers it. */
export function LeadDealLink({ slug, dealId }: { slug: string; dealId: string | null }) {
  const t = useTranslations("leads");
  if (!dealId) return <MutedText text={null} />;
  // Inside a clickable row the click must not also open the lead.
  return (
    <Link
      href={dealPageHref(slug, dealId)}
      onClick={(event) => event.stopPropagation()}
      className="whitespace-nowrap text-brand-700 hover:underline"
    >
      {t("dealLink")}
    </Link>
  );
}

"use client";

import { useTranslations } from "next-intl";

import type { TLeadRow } from "./lead-types";

const GLYPH: Record<TLeadRow["kind"], string> = { booking: "✎", call: "☎" };
const TONE: Record<TLeadRow["kind"], string> = {
  booking: "bg-brand-50 text-brand-700",
  call: "bg-emerald-50 text-emerald-700",
};

/** «Заявка» or «Звонок» as a small badge: the glyph is for the eye, the word for everyone. */
export function LeadKindBadge({ kind }: { kind: TLeadRow["kind"] }) {
  const t = useTranslations("leads.kinds");
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${TONE[kind]}`}
    >
      <span aria-hidden="true">{GLYPH[kind]}</span>
      {t(kind)}
    </span>
  );
}

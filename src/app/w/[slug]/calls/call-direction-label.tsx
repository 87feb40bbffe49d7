"use client";

import { useTranslations } from "next-intl";

import type { TCallRow } from "./call-types";

const ARROW: Record<TCallRow["direction"], string> = {
  incoming: "↙",
  outgoing: "↗",
  internal: "↔",
};

/** The direction as an arrow and a word: the arrow is for the eye, the word for everyone. */
export function CallDirectionLabel({ direction }: { direction: TCallRow["direction"] }) {
  const t = useTranslations("calls.directions");
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span
        aria-hidden="true"
        className={direction === "incoming" ? "text-emerald-600" : "text-brand-600"}
      >
        {ARROW[direction]}
      </span>
      {t(direction)}
    </span>
  );
}

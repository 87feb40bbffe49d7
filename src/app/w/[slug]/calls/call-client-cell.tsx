"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { formatPhone } from "@/lib/phones";
import type { TCallRow } from "./call-types";

export const clientPageHref = (slug: string, clientId: string): string => `/w/${encodeURIComponent(slug)}/clients/${encodeURIComponent(clientId)}`;

/** The other party: the client's name (linked to their page when known) over the phone. */
export function CallClientCell({ slug, call }: { slug: string; call: Pick<TCallRow, "clientId" | "clientName" | "clientPhone"> }) {
  const t = useTranslations("calls");
  const name = call.clientName ?? (call.clientPhone ? t("unknownClient") : t("hiddenNumber"));
  return (
    <span className="block min-w-0">
      {call.clientId ? (
        // Inside a clickable row the click must not also open the call.
        <Link href={clientPageHref(slug, call.clientId)} onClick={(event) => event.stopPropagation()} className="font-medium text-brand-700 hover:underline">{name}</Link>
      ) : (
        <span className={call.clientName ? "font-medium text-slate-900" : "text-slate-500"}>{name}</span>
      )}
      {call.clientPhone ? <span className="block whitespace-nowrap text-xs text-slate-500">{formatPhone(call.clientPhone)}</span> : null}
    </span>
  );
}

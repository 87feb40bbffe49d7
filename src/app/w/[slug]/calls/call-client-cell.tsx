"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { CallButton } from "@/components/calls/call-button";
import { cn } from "@/lib/cn";
import { formatPhone } from "@/lib/phones";

import type { TCallRow } from "./call-types";

export const clientPageHref = (slug: string, clientId: string): string =>
  `/w/${encodeURIComponent(slug)}/clients/${encodeURIComponent(clientId)}`;

/**
 * The other party: the client's name (linked to their page when known) over the phone, with the
 * call button beside the phone; a client without a name is their phone, and a caller who is no
 * client says so under it.
 */
export function CallClientCell({
  slug,
  call,
}: {
  slug: string;
  call: Pick<TCallRow, "clientId" | "clientName" | "clientPhone">;
}) {
  const t = useTranslations("calls");
  const phone = formatPhone(call.clientPhone);
  const callButton = call.clientPhone ? (
    <CallButton phone={call.clientPhone} clientId={call.clientId} />
  ) : null;
  const title = call.clientName ?? phone ?? t("hiddenNumber");
  const note = !call.clientName && !call.clientId && phone ? t("unknownClient") : null;
  return (
    <span className="block min-w-0">
      <span className="inline-flex items-center gap-1">
        {call.clientId ? (
          // Inside a clickable row the click must not also open the call.
          <Link
            href={clientPageHref(slug, call.clientId)}
            onClick={(event) => event.stopPropagation()}
            className="whitespace-nowrap font-medium text-brand-700 hover:underline"
          >
            {title}
          </Link>
        ) : (
          <span
            className={cn(
              "whitespace-nowrap",
              phone ? "font-medium text-slate-900" : "text-slate-500",
            )}
          >
            {title}
          </span>
        )}
        {call.clientName ? null : callButton}
      </span>
      {call.clientName && phone ? (
        <span className="flex items-center gap-1 whitespace-nowrap text-xs text-slate-500">
          {phone}
          {callButton}
        </span>
      ) : null}
      {note ? <span className="block whitespace-nowrap text-xs text-slate-500">{note}</span> : null}
    </span>
  );
}

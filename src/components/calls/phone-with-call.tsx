"use client";

import { MutedText } from "@/components/data-table/muted-text";
import { formatPhone } from "@/lib/phones";

import { CallButton } from "./call-button";

/** A stored phone as people read it, with the call button beside it (tables, drawers, the client card). */
export function PhoneWithCall({
  phone,
  clientId,
}: {
  phone: string | null;
  clientId?: string | null;
}) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <MutedText text={formatPhone(phone)} />
      {phone ? <CallButton phone={phone} clientId={clientId} /> : null}
    </span>
  );
}

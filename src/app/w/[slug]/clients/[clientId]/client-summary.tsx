"use client";

import { useTranslations } from "next-intl";

import { CallButton } from "@/components/calls/call-button";
import { DetailList } from "@/components/data-table/detail-section";
import { formatPhone } from "@/lib/phones";

import type { TClientDetail } from "./client-types";

/** How to reach the client (with click-to-call) and who they are in Klientiks. */
export function ClientSummary({ client }: { client: TClientDetail["client"] }) {
  const t = useTranslations("clients.fields");
  return (
    <DetailList
      items={[
        {
          label: t("phone"),
          value: (
            <span
              className="inline-flex items-center gap-1 whitespace-nowrap"
              data-testid="client-phone"
            >
              {formatPhone(client.phone)}
              <CallButton phone={client.phone} clientId={client.id} />
            </span>
          ),
        },
        { label: t("email"), value: client.email },
        {
          label: t("klientiksClientId"),
          value: client.klientiksClientId ? (
            <span className="tabular-nums">{client.klientiksClientId}</span>
          ) : null,
        },
      ]}
    />
  );
}

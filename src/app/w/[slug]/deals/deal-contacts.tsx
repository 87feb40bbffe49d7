"use client";

import { useTranslations } from "next-intl";

import { PhoneWithCall } from "@/components/calls/phone-with-call";
import { DetailList, DetailSection } from "@/components/data-table/detail-section";

import type { TDealDetail } from "./deal-types";

/** Everyone linked to the visit in Klientiks; the first one is the deal's contact. */
export function DealContacts({ contacts }: { contacts: TDealDetail["contacts"] }) {
  const t = useTranslations("deals.drawer");
  return (
    <DetailSection title={t("sections.contacts")}>
      {contacts.length === 0 ? <p className="text-sm text-slate-500">{t("noContacts")}</p> : null}
      <ul className="space-y-3">
        {contacts.map((contact) => (
          <li key={contact.klientiksClientId} className="rounded-md border border-slate-200 p-3">
            <p className="mb-2 font-medium text-slate-900">{contact.name || t("unnamedContact")}</p>
            <DetailList
              items={[
                {
                  label: t("contact.phone"),
                  value: contact.phone ? <PhoneWithCall phone={contact.phone} /> : null,
                },
                { label: t("contact.email"), value: contact.email },
                { label: t("contact.source"), value: contact.leadSource },
              ]}
            />
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { humanizeFieldKey } from "@/lib/field-keys";

import type { TDealDetail } from "./deal-types";

/** Klientiks custom fields are free-form: text as is, anything structured as JSON. */
const toText = (value: unknown): string | null => {
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
};

/** Custom fields of the visit and of the client, each group on its own, labelled by their humanized keys. */
export function DealCustomFields({ customFields }: { customFields: TDealDetail["customFields"] }) {
  const t = useTranslations("deals.drawer");
  const groups = [
    { title: t("visitFields"), fields: Object.entries(customFields.appointment) },
    { title: t("clientFields"), fields: Object.entries(customFields.client) },
  ];
  return (
    <DetailSection title={t("sections.customFields")} testId="deal-custom-fields">
      <div className="space-y-4">
        {groups.map((group) => (
          <div key={group.title}>
            <h4 className="mb-2 text-sm font-medium text-slate-700">{group.title}</h4>
            {group.fields.length === 0 ? (
              <p className="text-sm text-slate-500">{t("noCustomFields")}</p>
            ) : (
              <DetailList
                items={group.fields.map(([key, value]) => ({
                  label: humanizeFieldKey(key),
                  hint: t("customFieldKey", { key }),
                  value: toText(value),
                }))}
              />
            )}
          </div>
        ))}
      </div>
    </DetailSection>
  );
}

"use client";

import { useTranslations } from "next-intl";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { formatPhone } from "@/lib/phones";

import { useVisitDetailItems } from "../leads/use-visit-detail-items";
import type { TCallDetail } from "./call-types";

/**
 * Why an incoming call is credited where it is (docs/call-tracking.md §4), as a booking's drawer
 * says it: the rule and the tracking number dialled, then the visit's data the call copied.
 */
export function CallTrafficSection({ traffic }: { traffic: NonNullable<TCallDetail["traffic"]> }) {
  const t = useTranslations("calls.drawer");
  const tLeads = useTranslations("leads");
  const visitItems = useVisitDetailItems();
  return (
    <DetailSection title={t("sections.traffic")} testId="call-traffic">
      <p className="mb-3 text-sm text-slate-900">
        <span data-testid="call-rule" className="font-medium">
          {tLeads(`rules.${traffic.rule}`)}
        </span>
        <span className="block text-slate-600">
          {t(`trafficHints.${traffic.rule}`, {
            number: formatPhone(traffic.trackingNumber) ?? "—",
          })}
        </span>
      </p>
      <DetailList items={visitItems(traffic)} />
    </DetailSection>
  );
}

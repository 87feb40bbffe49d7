"use client";

import { useTranslations } from "next-intl";

import type { TDetailItem } from "@/components/data-table/detail-section";
import type { TRAFFIC_CHANNELS, TUtmField } from "@/server/domain/lists/traffic-filters";

import { useSourceLabel } from "../settings/sites/use-source-label";
import { utmDetailItems } from "../settings/sites/utm-detail-items";
import { LeadUrlLink } from "./lead-url-text";

type TTrafficChannel = (typeof TRAFFIC_CHANNELS)[number];

const mono = (value: string | null) =>
  value ? <span className="break-all font-mono text-xs">{value}</span> : null;

/** The visit data a lead or a tracked call copied from its session, and the names it points at. */
export type TVisitDetail = Record<TUtmField, string | null> & {
  siteName: string | null;
  sourceName: string | null;
  sourcePresetKey: string | null;
  campaignName: string | null;
  channel: TTrafficChannel | null;
  sessionId: string | null;
  landingUrl: string | null;
  referrer: string | null;
  yclid: string | null;
  gclid: string | null;
  fbclid: string | null;
};

/** The drawer rows of a visit's data, the same for a booking and for a call credited to a visit. */
export function useVisitDetailItems(): (visit: TVisitDetail) => TDetailItem[] {
  const t = useTranslations("leads.drawer.fields");
  const tChannel = useTranslations("sites.channels");
  const sourceLabel = useSourceLabel();
  return (visit) => [
    { label: t("site"), value: visit.siteName },
    {
      label: t("source"),
      value:
        visit.sourceName &&
        sourceLabel({ name: visit.sourceName, presetKey: visit.sourcePresetKey }),
    },
    { label: t("campaign"), value: visit.campaignName },
    { label: t("channel"), value: visit.channel ? tChannel(visit.channel) : null },
    { label: t("sessionId"), value: mono(visit.sessionId) },
    ...utmDetailItems(visit),
    { label: t("landingUrl"), value: <LeadUrlLink url={visit.landingUrl} /> },
    { label: t("referrer"), value: <LeadUrlLink url={visit.referrer} /> },
    { label: "yclid", value: mono(visit.yclid) },
    { label: "gclid", value: mono(visit.gclid) },
    { label: "fbclid", value: mono(visit.fbclid) },
  ];
}

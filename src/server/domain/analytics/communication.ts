import { compareCodeUnits } from "@/server/domain/analytics/compare-code-units";

/**
 * The plain data deal attribution works on (docs/deal-attribution.md). The shapes follow the rows a
 * query over `Lead`, `Call` and `Deal` returns (deal-attribution §9), so the loader fills them
 * without computing anything.
 */

/** The traffic channels of `TrafficChannel` in the schema, spelled out so this module stays pure. */
export type TTrafficChannel =
  "direct" | "organic" | "referral" | "social" | "email" | "paid" | "other";

export type TCommunicationKind = "widget_lead" | "call";

/** What a communication says about the visit that brought it; copied to a credited deal as is. */
export type TTrafficFields = {
  siteId: string | null;
  sourceId: string | null;
  campaignId: string | null;
  channel: TTrafficChannel | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
};

export type TCommunication = TTrafficFields & {
  kind: TCommunicationKind;
  id: string;
  at: Date;
  /** The deal this communication created (a booking's own appointment, `Lead.dealId`), if any. */
  dealId: string | null;
  /** The traffic fields are the workspace's declared default, not observed (deal-attribution §4). */
  isWorkspaceDefault: boolean;
};

/**
 * deal-attribution §6: at the same instant a call sorts before a widget lead, so a booking is the
 * later, nearer touch.
 */
const KIND_RANK: Readonly<Record<TCommunicationKind, number>> = { call: 0, widget_lead: 1 };

/** The total order of deal-attribution §6: time, then kind, then id. */
export const compareCommunications = (a: TCommunication, b: TCommunication): number =>
  a.at.getTime() - b.at.getTime() ||
  KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
  compareCodeUnits(a.id, b.id);

export const NO_TRAFFIC_FIELDS: TTrafficFields = {
  siteId: null,
  sourceId: null,
  campaignId: null,
  channel: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  utmTerm: null,
};

/** Only the traffic fields of a communication, for copying to the deal. */
export const trafficFieldsOf = (communication: TCommunication): TTrafficFields => ({
  siteId: communication.siteId,
  sourceId: communication.sourceId,
  campaignId: communication.campaignId,
  channel: communication.channel,
  utmSource: communication.utmSource,
  utmMedium: communication.utmMedium,
  utmCampaign: communication.utmCampaign,
  utmContent: communication.utmContent,
  utmTerm: communication.utmTerm,
});

import {
  NO_TRAFFIC_FIELDS,
  type TCommunication,
  type TTrafficFields,
} from "@/server/domain/analytics/communication";

/** Builders for the analytics tests: a deal's time and communications around it. */

export const DEAL_CREATED_AT = new Date("2026-06-01T10:00:00.000Z");
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant `days` (fractions allowed) before the test deal's creation. */
export const daysBeforeDeal = (days: number): Date =>
  new Date(DEAL_CREATED_AT.getTime() - days * DAY_MS);

/** A visit from a Яндекс Директ campaign. */
export const AD_TRAFFIC: TTrafficFields = {
  ...NO_TRAFFIC_FIELDS,
  siteId: "site_1",
  sourceId: "src_yandex_direct",
  campaignId: "cmp_spring",
  channel: "paid",
  utmSource: "yandex",
  utmMedium: "cpc",
  utmCampaign: "spring",
};

/** A direct visit to the site (the preset source «Прямые заходы»). */
export const DIRECT_TRAFFIC: TTrafficFields = {
  ...NO_TRAFFIC_FIELDS,
  siteId: "site_1",
  sourceId: "src_direct",
  channel: "direct",
};

/** A communication with no traffic data, as calls are today; `overrides` shape the rest. */
export const communication = (
  kind: TCommunication["kind"],
  id: string,
  at: Date,
  overrides: Partial<TCommunication> = {},
): TCommunication => ({
  ...NO_TRAFFIC_FIELDS,
  kind,
  id,
  at,
  dealId: null,
  isWorkspaceDefault: false,
  ...overrides,
});

export const widgetLead = (id: string, at: Date, overrides: Partial<TCommunication> = {}) =>
  communication("widget_lead", id, at, { ...AD_TRAFFIC, ...overrides });

export const directLead = (id: string, at: Date, overrides: Partial<TCommunication> = {}) =>
  communication("widget_lead", id, at, { ...DIRECT_TRAFFIC, ...overrides });

export const call = (id: string, at: Date) => communication("call", id, at);

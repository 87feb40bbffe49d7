import type { DealAttributionRule, Prisma, TrafficChannel } from "@generated/prisma/client";
import { z } from "zod";

export const TRAFFIC_CHANNELS = [
  "direct",
  "organic",
  "referral",
  "social",
  "email",
  "paid",
  "other",
] as const satisfies readonly TrafficChannel[];

export const DEAL_ATTRIBUTION_RULES = [
  "last_non_direct",
  "last_non_direct_fell_back_to_direct",
  "first",
  "last",
  "client_lead_source",
  "undetermined",
] as const satisfies readonly DealAttributionRule[];

/** The five UTM tags, by their column names on leads and deals. */
export const UTM_FIELDS = [
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "utmTerm",
] as const;
export type TUtmField = (typeof UTM_FIELDS)[number];

/** The traffic columns sessions, leads and deals share (same names and types), as a Prisma select. */
export const TRAFFIC_SELECT = {
  siteId: true,
  sourceId: true,
  campaignId: true,
  channel: true,
  utmSource: true,
  utmMedium: true,
  utmCampaign: true,
  utmContent: true,
  utmTerm: true,
} as const satisfies Prisma.TrackerSessionSelect & Prisma.LeadSelect & Prisma.DealSelect;

/**
 * The filter value for «no source / campaign / channel»: the analytics report's «Не определён» rows
 * link here, so it must select the rows whose column is empty.
 */
export const NONE_FILTER_VALUE = "none";

export const ZTrafficIds = z.array(z.string().max(64)).max(100).optional();
export const ZTrafficChannels = z
  .array(z.enum([...TRAFFIC_CHANNELS, NONE_FILTER_VALUE]))
  .max(TRAFFIC_CHANNELS.length + 1)
  .optional();
/** Exact tag values, as the visitor's link carried them. */
export const ZUtmValues = z.array(z.string().trim().max(256)).max(50).optional();

export const inList = <T>(values: T[] | undefined) => (values?.length ? { in: values } : undefined);

/**
 * `column IN (values)`, where the value «none» stands for `column IS NULL`. `where` turns the
 * column's condition into a row condition; nothing is returned for an absent or empty filter.
 */
export function inListOrNone<TValue extends string, TWhere>(
  values: readonly (TValue | typeof NONE_FILTER_VALUE)[] | undefined,
  where: (condition: { in: TValue[] } | null) => TWhere,
): TWhere | { OR: TWhere[] } | undefined {
  if (!values?.length) return undefined;
  const known = values.filter((value): value is TValue => value !== NONE_FILTER_VALUE);
  const conditions = [
    ...(known.length ? [where({ in: known })] : []),
    ...(known.length < values.length ? [where(null)] : []),
  ];
  return conditions.length === 1 ? conditions[0] : { OR: conditions };
}

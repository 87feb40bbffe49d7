import { z } from "zod";

import { ZTrafficChannels, ZTrafficIds, ZUtmValues } from "@/server/domain/lists/traffic-filters";

export const LEAD_SORT_FIELDS = ["occurredAt", "contactName", "updatedAt"] as const;
export const LEAD_ATTRIBUTION_RULES = [
  "session_id",
  "widget_open",
  "contact_match",
  "default_source",
  "default_campaign",
] as const;
/** How an incoming call was credited (docs/call-tracking.md §4). */
export const CALL_TRACKING_RULES = ["dynamic_number", "static_number", "unidentified"] as const;
/** The rule column of Обращения и цели: a booking's attribution rule or a call's tracking rule. */
export const COMMUNICATION_RULES = [...LEAD_ATTRIBUTION_RULES, ...CALL_TRACKING_RULES] as const;
export type TCommunicationRule = (typeof COMMUNICATION_RULES)[number];
/** The rows of Обращения и цели (docs/call-tracking.md §6). */
export const COMMUNICATION_KINDS = ["booking", "call"] as const;
export type TCommunicationKind = (typeof COMMUNICATION_KINDS)[number];

/** Filters of Обращения и цели (issue 4 §4, call-tracking §6); the server schema is strict (C14). */
export const ZLeadFiltersSchema = z.object({
  /** On the row's time: a booking's creation in Klientiks, a call's start. */
  createdFrom: z.date().optional(),
  createdTo: z.date().optional(),
  kinds: z.array(z.enum(COMMUNICATION_KINDS)).max(COMMUNICATION_KINDS.length).optional(),
  siteIds: z.array(z.string().max(64)).max(100).optional(),
  /** Source and campaign ids, or `none` (NONE_FILTER_VALUE) for rows credited to none. */
  sourceIds: ZTrafficIds,
  campaignIds: ZTrafficIds,
  channels: ZTrafficChannels,
  utmSource: ZUtmValues,
  utmMedium: ZUtmValues,
  utmCampaign: ZUtmValues,
  utmContent: ZUtmValues,
  utmTerm: ZUtmValues,
  rules: z.array(z.enum(COMMUNICATION_RULES)).max(COMMUNICATION_RULES.length).optional(),
  /** Bookings only: `true` repeat bookings, `false` first bookings; absent: every row. */
  isDuplicate: z.boolean().optional(),
  /** Calls only: `true` first calls in the unique period, `false` repeat calls; absent: every row. */
  isUniqueCall: z.boolean().optional(),
  /** Calls only: `true` target calls, `false` the others; absent: every row. */
  isTargetCall: z.boolean().optional(),
  search: z.string().trim().max(100).optional(),
});
export type TLeadFilters = z.infer<typeof ZLeadFiltersSchema>;

/** The table's order, shared by its page and its CSV export. */
export const ZLeadSortSchema = z
  .object({ field: z.enum(LEAD_SORT_FIELDS), direction: z.enum(["asc", "desc"]) })
  .default({ field: "occurredAt", direction: "desc" });
export type TLeadSort = z.infer<typeof ZLeadSortSchema>;

export const ZLeadListRequestSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  perPage: z.number().int().min(1).max(100).default(25),
  sort: ZLeadSortSchema,
  filters: ZLeadFiltersSchema.default({}),
});
export type TLeadListRequest = z.infer<typeof ZLeadListRequestSchema>;

import { z } from "zod";

import { ZUtmValues } from "@/server/domain/lists/traffic-filters";

export const LEAD_SORT_FIELDS = ["crmCreatedAt", "contactName", "updatedAt"] as const;
export const LEAD_ATTRIBUTION_RULES = [
  "session_id",
  "widget_open",
  "contact_match",
  "default_source",
  "default_campaign",
] as const;

const ZId = z.string().max(64);

/** Filters of Обращения и цели (issue 4 §4); the server schema is strict (C14). */
export const ZLeadFiltersSchema = z.object({
  createdFrom: z.date().optional(),
  createdTo: z.date().optional(),
  siteIds: z.array(ZId).max(100).optional(),
  sourceIds: z.array(ZId).max(100).optional(),
  campaignIds: z.array(ZId).max(100).optional(),
  utmSource: ZUtmValues,
  utmMedium: ZUtmValues,
  utmCampaign: ZUtmValues,
  utmContent: ZUtmValues,
  utmTerm: ZUtmValues,
  rules: z.array(z.enum(LEAD_ATTRIBUTION_RULES)).max(LEAD_ATTRIBUTION_RULES.length).optional(),
  /** `true`: only duplicates; `false`: only originals; absent: both. */
  isDuplicate: z.boolean().optional(),
  search: z.string().trim().max(100).optional(),
});
export type TLeadFilters = z.infer<typeof ZLeadFiltersSchema>;

/** The table's order, shared by its page and its CSV export. */
export const ZLeadSortSchema = z
  .object({ field: z.enum(LEAD_SORT_FIELDS), direction: z.enum(["asc", "desc"]) })
  .default({ field: "crmCreatedAt", direction: "desc" });
export type TLeadSort = z.infer<typeof ZLeadSortSchema>;

export const ZLeadListRequestSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  perPage: z.number().int().min(1).max(100).default(25),
  sort: ZLeadSortSchema,
  filters: ZLeadFiltersSchema.default({}),
});
export type TLeadListRequest = z.infer<typeof ZLeadListRequestSchema>;

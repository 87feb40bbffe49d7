import { z } from "zod";

import {
  DEAL_ATTRIBUTION_RULES,
  ZTrafficChannels,
  ZTrafficIds,
  ZUtmValues,
} from "@/server/domain/lists/traffic-filters";

export const DEAL_SORT_FIELDS = [
  "crmCreatedAt",
  "visitStartAt",
  "amountMinor",
  "name",
  "stageOrder",
  "updatedAt",
] as const;

/** Filters shared by the deals table and its CSV export; the server schema is strict (C14). */
export const ZDealFiltersSchema = z.object({
  createdFrom: z.date().optional(),
  createdTo: z.date().optional(),
  stages: z.array(z.string().max(64)).max(50).optional(),
  stageGroups: z
    .array(z.enum(["in_work", "won", "lost"]))
    .max(3)
    .optional(),
  responsibleIds: z.array(z.string().max(64)).max(100).optional(),
  amountMin: z.number().int().nonnegative().optional(),
  amountMax: z.number().int().nonnegative().optional(),
  /** Source and campaign ids, or `none` (NONE_FILTER_VALUE) for deals credited to none. */
  sourceIds: ZTrafficIds,
  campaignIds: ZTrafficIds,
  channels: ZTrafficChannels,
  attributionRules: z
    .array(z.enum(DEAL_ATTRIBUTION_RULES))
    .max(DEAL_ATTRIBUTION_RULES.length)
    .optional(),
  utmSource: ZUtmValues,
  utmMedium: ZUtmValues,
  utmCampaign: ZUtmValues,
  utmContent: ZUtmValues,
  utmTerm: ZUtmValues,
  search: z.string().trim().max(100).optional(),
  includeSales: z.boolean().default(true),
});
export type TDealFilters = z.infer<typeof ZDealFiltersSchema>;

/** The table's order, shared by its page and its CSV export. */
export const ZDealSortSchema = z
  .object({ field: z.enum(DEAL_SORT_FIELDS), direction: z.enum(["asc", "desc"]) })
  .default({ field: "crmCreatedAt", direction: "desc" });
export type TDealSort = z.infer<typeof ZDealSortSchema>;

export const ZDealListRequestSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  perPage: z.number().int().min(1).max(100).default(25),
  sort: ZDealSortSchema,
  filters: ZDealFiltersSchema.default({ includeSales: true }),
});
export type TDealListRequest = z.infer<typeof ZDealListRequestSchema>;

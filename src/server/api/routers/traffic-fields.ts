import { z } from "zod";

import { TRAFFIC_CHANNELS } from "@/server/domain/lists/traffic-filters";

/** Where a lead or deal is credited: the copied traffic fields and the names of what they reference. */
export const TRAFFIC_FIELDS = {
  siteId: z.string().nullable(),
  sourceId: z.string().nullable(),
  campaignId: z.string().nullable(),
  channel: z.enum(TRAFFIC_CHANNELS).nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  utmContent: z.string().nullable(),
  utmTerm: z.string().nullable(),
  siteName: z.string().nullable(),
  sourceName: z.string().nullable(),
  sourcePresetKey: z.string().nullable(),
  campaignName: z.string().nullable(),
};

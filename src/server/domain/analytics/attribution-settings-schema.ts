import { z } from "zod";

import { ATTRIBUTION_MODELS } from "@/server/domain/analytics/attribution-models";
import {
  MAX_ATTRIBUTION_WINDOW_DAYS,
  MIN_ATTRIBUTION_WINDOW_DAYS,
} from "@/server/domain/analytics/attribution-window";

/** One message for every way the window can be wrong, so the form names the field and its range. */
const WINDOW_DAYS_ERROR = "attributionWindowDays";

/** Settings → Attribution (deal-attribution §3, §5); the form checks with it before the server does. */
export const ZAttributionSettingsSchema = z.object({
  model: z.enum(ATTRIBUTION_MODELS),
  windowDays: z
    .number({ error: WINDOW_DAYS_ERROR })
    .int(WINDOW_DAYS_ERROR)
    .min(MIN_ATTRIBUTION_WINDOW_DAYS, WINDOW_DAYS_ERROR)
    .max(MAX_ATTRIBUTION_WINDOW_DAYS, WINDOW_DAYS_ERROR),
});

export type TAttributionSettingsRequest = z.infer<typeof ZAttributionSettingsSchema>;

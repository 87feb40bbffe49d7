import { z } from "zod";

import { normalizeSiteDomain } from "@/server/domain/sites/site-domain";

const MAX_WIDGET_URL_PATTERNS = 10;
const MAX_CAMPAIGN_VALUES = 20;

const ZSiteDomain = z
  .string()
  .max(300, "tooLong")
  .transform((value, context) => {
    const domain = normalizeSiteDomain(value);
    if (!domain)
      context.addIssue({
        code: "custom",
        message:
          value.trim() === ""
            ? "required"
            : value.includes("*")
              ? "domainWildcard"
              : "domainInvalid",
      });
    return domain ?? "";
  });

/**
 * A widget URL prefix as the tracker compares it: `host[:port]/path`, lower case, no scheme, no
 * `www.` (the tracker strips both from the URLs it sees, too).
 */
const ZWidgetUrlPattern = z
  .string()
  .trim()
  .max(200, "tooLong")
  .transform((value, context) => {
    const pattern = value
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
      .replace(/^www\./i, "")
      .toLowerCase();
    if (
      !/^[a-z0-9.-]+(:\d{1,5})?(\/\S*)?$/.test(pattern) ||
      !/[.:]/.test(pattern.split("/")[0] ?? "")
    ) {
      context.addIssue({ code: "custom", message: "widgetPatternInvalid" });
    }
    return pattern;
  });

/** The widget pattern of the Klientiks service at `klientiksBaseUrl`: its widget lives under `/app/` (klientiks-contract §13). */
export const widgetPatternOf = (klientiksBaseUrl: string): string =>
  `${new URL(klientiksBaseUrl).host.replace(/^www\./, "")}/app/`;

export const ZWidgetUrlPatterns = z
  .array(ZWidgetUrlPattern)
  .min(1, "required")
  .max(MAX_WIDGET_URL_PATTERNS, "tooMany")
  .transform((patterns) => [...new Set(patterns)]);

const ZSiteName = z.string().trim().min(1, "required").max(80, "tooLong");

export const ZCreateSiteRequestSchema = z.object({ domain: ZSiteDomain, name: ZSiteName });
export type TCreateSiteRequest = z.infer<typeof ZCreateSiteRequestSchema>;

export const ZUpdateSiteRequestSchema = z.object({
  name: ZSiteName.optional(),
  domain: ZSiteDomain.optional(),
  widgetUrlPatterns: ZWidgetUrlPatterns.optional(),
  captureContacts: z.boolean().optional(),
});
export type TUpdateSiteRequest = z.infer<typeof ZUpdateSiteRequestSchema>;

/** `utm_campaign` values are compared case-insensitively, so they are stored lower-cased. */
export const normalizeCampaignValue = (value: string): string =>
  value.trim().toLowerCase().slice(0, 200);

export const ZCampaignRequestSchema = z.object({
  name: z.string().trim().min(1, "required").max(120, "tooLong"),
  sourceId: z.string().min(1, "required").max(64),
  utmCampaigns: z
    .array(z.string().max(200, "tooLong").transform(normalizeCampaignValue))
    .transform((values) => [...new Set(values.filter((value) => value !== ""))])
    .pipe(z.array(z.string()).min(1, "required").max(MAX_CAMPAIGN_VALUES, "tooMany")),
});
export type TCampaignRequest = z.infer<typeof ZCampaignRequestSchema>;

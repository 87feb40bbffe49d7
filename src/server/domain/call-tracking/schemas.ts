import { z } from "zod";

import { toDialablePhone } from "@/server/domain/telephony/dialable-phone";

/** Bounds of the settings; the migration's CHECK constraints say the same (docs/call-tracking.md §2, §5). */
export const POOL_HOLD_MINUTES = { min: 5, max: 120 } as const;
export const CALL_UNIQUE_DAYS = { min: 1, max: 365 } as const;
export const CALL_TARGET_SECONDS = { min: 0, max: 3600 } as const;
const MAX_PHONE_TARGETS = 10;
const MAX_SELECTOR_LENGTH = 200;
const ZId = z.string().max(64);

/**
 * A phone typed in any common format (`8 (495) 123-45-67`, `+7 999 123 45 67`, `9991234567`) as
 * E.164, or the field error `phoneInvalid` (the normalization click-to-call uses, so a typo fails
 * here rather than as a number nobody can call).
 */
export const ZPhoneE164 = z
  .string()
  .trim()
  .min(1, "required")
  .max(40, "tooLong")
  .transform((value, context) => {
    const phone = toDialablePhone(value);
    if (!phone) context.addIssue({ code: "custom", message: "phoneInvalid" });
    return phone ?? "";
  });

export const TRACKING_NUMBER_USAGES = ["pool", "static", "fallback"] as const;
export type TTrackingNumberUsage = (typeof TRACKING_NUMBER_USAGES)[number];

/**
 * A tracking number as added or edited. A pool or fallback number belongs to a site (its source
 * and campaign are dropped); a static one to a source or a campaign (whose source is implied),
 * optionally limited to a site.
 */
export const ZTrackingNumberRequestSchema = z
  .object({
    phone: ZPhoneE164,
    usage: z.enum(TRACKING_NUMBER_USAGES),
    siteId: ZId.nullish(),
    sourceId: ZId.nullish(),
    campaignId: ZId.nullish(),
  })
  .transform((request, context) => {
    const siteId = request.siteId || null;
    if (request.usage !== "static") {
      if (!siteId) context.addIssue({ code: "custom", path: ["siteId"], message: "required" });
      return {
        phone: request.phone,
        usage: request.usage,
        siteId,
        sourceId: null,
        campaignId: null,
      };
    }
    const sourceId = request.sourceId || null;
    const campaignId = request.campaignId || null;
    if (!sourceId && !campaignId)
      context.addIssue({ code: "custom", path: ["sourceId"], message: "required" });
    return { phone: request.phone, usage: request.usage, siteId, sourceId, campaignId };
  });
export type TTrackingNumberRequest = z.infer<typeof ZTrackingNumberRequestSchema>;

/**
 * A CSS selector, checked loosely: no braces, semicolons or angle-bracket markup (it is not a
 * style sheet), balanced brackets and parentheses; the browser has the final word.
 */
export const isPlausibleSelector = (selector: string): boolean => {
  if (/[{};<]|\/\*/.test(selector)) return false;
  const closing: string[] = [];
  for (const character of selector) {
    if (character === "[") closing.push("]");
    else if (character === "(") closing.push(")");
    else if ((character === "]" || character === ")") && closing.pop() !== character) return false;
  }
  return closing.length === 0;
};

const ZPhoneSelector = z
  .string()
  .trim()
  .max(MAX_SELECTOR_LENGTH, "tooLong")
  .refine(isPlausibleSelector, "selectorInvalid")
  .nullish()
  .transform((value) => value || null);

/** A site's call-tracking settings: the phones the tracker replaces on its pages, and the hold time. */
export const ZSiteCallTrackingRequestSchema = z
  .object({
    phoneTargets: z
      .array(ZPhoneE164)
      .max(MAX_PHONE_TARGETS, "tooMany")
      .transform((phones) => [...new Set(phones)]),
    phoneSelector: ZPhoneSelector,
    poolHoldMinutes: z
      .number()
      .int("invalid")
      .min(POOL_HOLD_MINUTES.min, "tooSmall")
      .max(POOL_HOLD_MINUTES.max, "tooBig"),
  })
  .superRefine((request, context) => {
    // Substitution needs something to replace: a phone the page shows or an element to fill.
    if (request.phoneTargets.length === 0 && !request.phoneSelector)
      context.addIssue({ code: "custom", path: ["phoneTargets"], message: "phoneTargetsRequired" });
  });
export type TSiteCallTrackingRequest = z.infer<typeof ZSiteCallTrackingRequestSchema>;

/** The workspace's rules for unique and target calls (docs/call-tracking.md §5). */
export const ZCallSettingsSchema = z.object({
  callUniqueDays: z
    .number()
    .int("invalid")
    .min(CALL_UNIQUE_DAYS.min, "tooSmall")
    .max(CALL_UNIQUE_DAYS.max, "tooBig"),
  callTargetSeconds: z
    .number()
    .int("invalid")
    .min(CALL_TARGET_SECONDS.min, "tooSmall")
    .max(CALL_TARGET_SECONDS.max, "tooBig"),
});
export type TCallSettings = z.infer<typeof ZCallSettingsSchema>;

import { z } from "zod";

import { isKnownTimeZone } from "@/lib/time-zones";
import {
  DEFAULT_CLIENT_CARD_URL_TEMPLATE,
  ZClientCardUrlTemplateSchema,
} from "@/server/domain/klientiks/client-card-url";

/** «Передача сделок»: «Сотрудник-исполнитель / автор записи» and «Учитывать абонемент в сделке». */
export const ZDealsSettingsSchema = z.object({
  isEnabled: z.boolean().default(true),
  /** Who is the responsible manager: the performer (default) or the author of the record. */
  responsible: z.enum(["executor", "author"]).default("executor"),
  /** When on, visits paid by a subscription add 0 to the deal amount. */
  excludeSubscriptionVisits: z.boolean().default(false),
});

/** The widget (leads) integration: «Онлайн-запись через виджет» bookings become leads (issue 4 §3). */
export const ZLeadsSettingsSchema = z.object({
  isEnabled: z.boolean().default(false),
  /** «Передавать тег по источнику ВОЗ» (klientiks-contract §13.3). */
  passWidgetSourceTag: z.boolean().default(false),
  /** «Тип трафика» of the fallback rule: the default source and site, or the default ad campaign. */
  trafficType: z.enum(["source", "campaign"]).default("source"),
  defaultSourceId: z.string().max(64).nullable().default(null),
  defaultSiteId: z.string().max(64).nullable().default(null),
  defaultCampaignId: z.string().max(64).nullable().default(null),
  /** Rule 2: how long before the booking a widget open still counts. */
  widgetOpenWindowMinutes: z.number().int().min(1, "tooSmall").max(1440, "tooBig").default(30),
  /** Rule 3: how far back a captured phone or e-mail still matches (lead-attribution §2). */
  contactMatchWindowDays: z.number().int().min(1, "tooSmall").max(90, "tooBig").default(30),
  /** A second booking from the same phone within 12 h is marked as a duplicate of the first. */
  markDuplicates: z.boolean().default(true),
});

/** Klientiks sends naive local times; this is the account's zone (klientiks-contract §7). */
const ZAccountTimezoneSchema = z.string().max(64).refine(isKnownTimeZone, "timezoneInvalid");

/** Per-connection settings of the Klientiks integration (product brief: deals and widget steps). */
export const ZKlientiksSettingsSchema = z.object({
  // `prefault` runs the section's own field defaults, so a stored row without it gets them all.
  deals: ZDealsSettingsSchema.prefault({}),
  leads: ZLeadsSettingsSchema.prefault({}),
  accountTimezone: ZAccountTimezoneSchema.default("Europe/Moscow"),
  /** The link from the incoming-call card to the client's card in Klientiks (client-card-url.ts). */
  clientCardUrlTemplate: ZClientCardUrlTemplateSchema.catch(
    DEFAULT_CLIENT_CARD_URL_TEMPLATE,
  ).default(DEFAULT_CLIENT_CARD_URL_TEMPLATE),
});

/**
 * What one wizard step saves: whole sections, each optional (an absent section stays absent: zod 4
 * would fill a `.default()` section in even under `.optional()`). The deals and the widget steps save
 * separately, so neither can overwrite the other's section with a stale copy.
 */
export const ZKlientiksSettingsPatchSchema = z.object({
  deals: ZDealsSettingsSchema.optional(),
  leads: ZLeadsSettingsSchema.optional(),
  accountTimezone: ZAccountTimezoneSchema.optional(),
  clientCardUrlTemplate: ZClientCardUrlTemplateSchema.optional(),
});

export type TKlientiksSettings = z.infer<typeof ZKlientiksSettingsSchema>;
export type TKlientiksSettingsPatch = z.input<typeof ZKlientiksSettingsPatchSchema>;

/** Stored settings are re-validated on read, so older rows gain new defaults. */
export const parseKlientiksSettings = (value: unknown): TKlientiksSettings =>
  ZKlientiksSettingsSchema.parse(value ?? {});

/** The stored settings with the sections a step saved replaced whole. */
export function applyKlientiksSettingsPatch(
  current: TKlientiksSettings,
  patch: TKlientiksSettingsPatch,
): TKlientiksSettings {
  const changes = ZKlientiksSettingsPatchSchema.parse(patch);
  return {
    deals: changes.deals ?? current.deals,
    leads: changes.leads ?? current.leads,
    accountTimezone: changes.accountTimezone ?? current.accountTimezone,
    clientCardUrlTemplate: changes.clientCardUrlTemplate ?? current.clientCardUrlTemplate,
  };
}

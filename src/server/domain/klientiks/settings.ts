import { z } from "zod";

/**
 * Per-connection settings of the Klientiks integration, from the product brief:
 * «Сотрудник-исполнитель / автор записи» and «Учитывать абонемент в сделке».
 */
export const ZKlientiksSettingsSchema = z.object({
  deals: z
    .object({
      isEnabled: z.boolean().default(true),
      /** Who is the responsible manager: the performer (default) or the author of the record. */
      responsible: z.enum(["executor", "author"]).default("executor"),
      /** When on, visits paid by a subscription add 0 to the deal amount. */
      excludeSubscriptionVisits: z.boolean().default(false),
    })
    .default({ isEnabled: true, responsible: "executor", excludeSubscriptionVisits: false }),
  /** The widget (leads) integration: «Онлайн-запись через виджет» bookings become leads (issue 4 §3). */
  leads: z
    .object({
      isEnabled: z.boolean().default(false),
      /** «Передавать тег по источнику ВОЗ» (klientiks-contract §13.3). */
      passWidgetSourceTag: z.boolean().default(false),
      /** «Тип трафика» of the fallback rule: the default source and site, or the default ad campaign. */
      trafficType: z.enum(["source", "campaign"]).default("source"),
      defaultSourceId: z.string().max(64).nullable().default(null),
      defaultSiteId: z.string().max(64).nullable().default(null),
      defaultCampaignId: z.string().max(64).nullable().default(null),
      /** Rule 2: how long before the booking a widget open still counts. */
      widgetOpenWindowMinutes: z.number().int().min(1).max(1440).default(30),
      /** Rule 3: how far back a captured phone or e-mail still matches (market.md §3.6). */
      contactMatchWindowDays: z.number().int().min(1).max(90).default(30),
      /** A second booking from the same phone within 12 h is marked as a duplicate of the first. */
      markDuplicates: z.boolean().default(true),
    })
    .default({
      isEnabled: false, passWidgetSourceTag: false, trafficType: "source", defaultSourceId: null, defaultSiteId: null, defaultCampaignId: null,
      widgetOpenWindowMinutes: 30, contactMatchWindowDays: 30, markDuplicates: true,
    }),
  /** Klientiks sends naive local times; this is the account's zone (klientiks-contract §7). */
  accountTimezone: z.string().default("Europe/Moscow"),
});

export type TKlientiksSettings = z.infer<typeof ZKlientiksSettingsSchema>;

/** Stored settings are re-validated on read, so older rows gain new defaults. */
export const parseKlientiksSettings = (value: unknown): TKlientiksSettings => ZKlientiksSettingsSchema.parse(value ?? {});

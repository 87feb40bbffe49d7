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
  /** Klientiks sends naive local times; this is the account's zone (klientiks-contract §7). */
  accountTimezone: z.string().default("Europe/Moscow"),
});

export type TKlientiksSettings = z.infer<typeof ZKlientiksSettingsSchema>;

/** Stored settings are re-validated on read, so older rows gain new defaults. */
export const parseKlientiksSettings = (value: unknown): TKlientiksSettings => ZKlientiksSettingsSchema.parse(value ?? {});

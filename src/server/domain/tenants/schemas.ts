import { z } from "zod";

import { CURRENCIES } from "@/lib/workspace-options";

const SUPPORTED_TIMEZONES = new Set(Intl.supportedValuesOf("timeZone"));

export const ZTimezone = z
  .string()
  .refine((value) => value === "UTC" || SUPPORTED_TIMEZONES.has(value), "timezoneInvalid");
export const ZCurrency = z.enum(CURRENCIES, { message: "currencyInvalid" });

export const ZCreateWorkspaceRequestSchema = z.object({
  name: z.string().trim().min(2, "tooShort").max(80, "tooLong"),
  timezone: ZTimezone.default("Europe/Moscow"),
  currency: ZCurrency.default("RUB"),
});
export type TCreateWorkspaceRequest = z.infer<typeof ZCreateWorkspaceRequestSchema>;

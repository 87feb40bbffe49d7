import { z } from "zod";

import { isKnownTimeZone } from "@/lib/time-zones";

/**
 * Per-connection telephony settings (issue 9 §2). Stored JSON is read field by field, each with its
 * own fallback, so a damaged or older row never breaks the page or the call pipeline.
 */
const ZTelephonySettings = z.object({
  /** Whose screens an incoming call's client card opens on: the rung extension's member, or every agent. */
  popup: z.enum(["rung_extension", "all_agents"]).catch("rung_extension"),
  /** The PBX account's zone (`info/timezone`): Zadarma's `call_start` is local time in it. */
  timeZone: z.string().max(64).refine(isKnownTimeZone).nullable().catch(null),
  /** How long the provider keeps recordings, when it says; shown read-only (we store no audio). */
  recordingRetentionDays: z.number().int().min(1).max(3650).nullable().catch(null),
  /** Answer NOTIFY_START with `{"caller_name": …}` from our client mirror (telephony-zadarma §8.1). */
  callerName: z.boolean().catch(false),
});

export type TTelephonySettings = z.infer<typeof ZTelephonySettings>;

const DEFAULT_SETTINGS: TTelephonySettings = {
  popup: "rung_extension",
  timeZone: null,
  recordingRetentionDays: null,
  callerName: false,
};

/** Tolerant of anything stored: a non-object gives the defaults, a bad field its own default. */
export function parseTelephonySettings(value: unknown): TTelephonySettings {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return DEFAULT_SETTINGS;
  const fields = value as Record<string, unknown>;
  return ZTelephonySettings.parse({
    popup: fields.popup,
    timeZone: fields.timeZone ?? null,
    recordingRetentionDays: fields.recordingRetentionDays ?? null,
    callerName: fields.callerName ?? false,
  });
}

/** What an admin may change on the page; the time zone and the retention come from the provider. */
export const ZTelephonySettingsPatch = z.object({
  popup: z.enum(["rung_extension", "all_agents"]).optional(),
  callerName: z.boolean().optional(),
});

export type TTelephonySettingsPatch = z.infer<typeof ZTelephonySettingsPatch>;

/** Zadarma's own default; used until `info/timezone` told the account's zone (docs/telephony-zadarma.md). */
const DEFAULT_PBX_TIME_ZONE = "Europe/Moscow";

/** The zone Zadarma's local times (`call_start`, statistics `callstart`) are read in, for stored settings. */
export const pbxTimeZoneOf = (settings: unknown): string =>
  parseTelephonySettings(settings).timeZone ?? DEFAULT_PBX_TIME_ZONE;

import type { TrafficChannel } from "@generated/prisma/client";

export type TPresetKey =
  | "yandex_direct"
  | "vk_ads"
  | "google_ads"
  | "email"
  | "social"
  | "organic_yandex"
  | "organic_google"
  | "organic_other"
  | "referral"
  | "direct";

type TSourcePreset = {
  key: TPresetKey;
  name: string;
  channel: TrafficChannel;
  utmSources: string[];
};

/**
 * The sources every workspace starts with. Order matters: when one `utm_source` value belongs to
 * several sources and the medium does not decide, the earlier preset wins (paid networks first,
 * because their auto-tagging sends bare `utm_source` values). Names are the Russian defaults; the UI
 * shows presets by key in the interface language.
 */
export const SOURCE_PRESETS: readonly TSourcePreset[] = [
  {
    key: "yandex_direct",
    name: "Яндекс Директ",
    channel: "paid",
    utmSources: ["yandex", "ydirect", "yandex_direct", "yandexdirect"],
  },
  {
    key: "vk_ads",
    name: "VK Реклама",
    channel: "paid",
    utmSources: ["vk", "vkads", "vk_ads", "vkontakte", "mytarget"],
  },
  {
    key: "google_ads",
    name: "Google Ads",
    channel: "paid",
    utmSources: ["google", "gads", "google_ads", "googleads", "adwords"],
  },
  {
    key: "email",
    name: "E-mail рассылки",
    channel: "email",
    utmSources: ["email", "e-mail", "newsletter", "mail", "sendpulse", "unisender"],
  },
  {
    key: "social",
    name: "Социальные сети",
    channel: "social",
    utmSources: [
      "vk",
      "vkontakte",
      "telegram",
      "tg",
      "ok",
      "instagram",
      "ig",
      "facebook",
      "fb",
      "youtube",
      "dzen",
    ],
  },
  { key: "organic_yandex", name: "Яндекс (поиск)", channel: "organic", utmSources: [] },
  { key: "organic_google", name: "Google (поиск)", channel: "organic", utmSources: [] },
  { key: "organic_other", name: "Другие поисковики", channel: "organic", utmSources: [] },
  { key: "referral", name: "Переходы с сайтов", channel: "referral", utmSources: [] },
  { key: "direct", name: "Прямые заходы", channel: "direct", utmSources: [] },
];

/** Custom sources (no preset key) rank before every preset: the workspace said so explicitly. */
export const presetRank = (presetKey: string | null): number => {
  const index = SOURCE_PRESETS.findIndex((preset) => preset.key === presetKey);
  return index < 0 ? -1 : index;
};

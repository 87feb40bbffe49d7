/** Choices offered when creating a workspace; the server accepts any IANA zone but only these currencies. */
export const SUGGESTED_TIMEZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Krasnoyarsk",
  "Asia/Irkutsk",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Magadan",
  "Asia/Kamchatka",
  "Europe/Minsk",
  "Asia/Almaty",
  "Asia/Tashkent",
  "UTC",
] as const;

export const CURRENCIES = ["RUB", "KZT", "BYN", "UZS", "USD", "EUR"] as const;
export type TCurrency = (typeof CURRENCIES)[number];

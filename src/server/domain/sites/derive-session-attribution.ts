import type { TrafficChannel } from "@generated/prisma/client";

import { ownValue } from "@/lib/own-value";
import { normalizeCampaignValue } from "@/server/domain/sites/schemas";
import { isHostOfSite } from "@/server/domain/sites/site-domain";
import { presetRank, type TPresetKey } from "@/server/domain/sites/source-presets";

/** What a landing URL says about where the visit came from. Empty values are null. */
export type TCampaignMarks = {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  yclid: string | null;
  gclid: string | null;
  fbclid: string | null;
};

export type TAttributionSource = {
  id: string;
  channel: TrafficChannel;
  utmSources: string[];
  presetKey: string | null;
};

type TSessionAttribution = {
  channel: TrafficChannel;
  sourceId: string | null;
  /** The normalized `utm_campaign`, for finding (or auto-creating) the ad campaign. */
  campaignValue: string | null;
};

const MEDIUM_CHANNELS: Record<string, TrafficChannel> = {
  cpc: "paid",
  ppc: "paid",
  cpm: "paid",
  cpa: "paid",
  cpv: "paid",
  paid: "paid",
  paidsearch: "paid",
  paid_search: "paid",
  paid_social: "paid",
  paidsocial: "paid",
  display: "paid",
  banner: "paid",
  retargeting: "paid",
  remarketing: "paid",
  context: "paid",
  email: "email",
  "e-mail": "email",
  mail: "email",
  newsletter: "email",
  mailing: "email",
  social: "social",
  smm: "social",
  social_network: "social",
  "social-network": "social",
  referral: "referral",
  referal: "referral",
  partner: "referral",
  organic: "organic",
  seo: "organic",
};

const SOCIAL_DOMAINS = [
  "vk.com",
  "vk.ru",
  "ok.ru",
  "t.me",
  "telegram.org",
  "instagram.com",
  "facebook.com",
  "youtube.com",
  "dzen.ru",
  "zen.yandex.ru",
  "x.com",
  "twitter.com",
  "t.co",
  "tiktok.com",
  "pinterest.com",
  "linkedin.com",
];
const OTHER_SEARCH_DOMAINS = [
  "bing.com",
  "duckduckgo.com",
  "search.yahoo.com",
  "go.mail.ru",
  "rambler.ru",
  "ecosia.org",
];
const YANDEX_SEARCH = /(^|\.)(yandex\.[a-z.]+|ya\.ru)$/;
const GOOGLE_SEARCH = /(^|\.)google\.[a-z.]+$/;

const lower = (value: string | null): string | null =>
  value ? value.trim().toLowerCase() || null : null;

const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
};

const isOneOf = (host: string, domains: string[]) =>
  domains.some((domain) => isHostOfSite(host, domain));

/** The medium's channel, when the medium is one of the conventional values (or starts like one). */
function channelOfMedium(medium: string | null): TrafficChannel | null {
  if (!medium) return null;
  return ownValue(MEDIUM_CHANNELS, medium) ?? (/^(cpc|cpm|ppc|paid)/.test(medium) ? "paid" : null);
}

/**
 * The source a `utm_source` value names. Several may claim it ("vk": VK Реклама and social
 * networks): the one whose channel the medium names wins, then custom sources, then preset order.
 */
function findSourceByUtm(
  sources: TAttributionSource[],
  utmSource: string,
  mediumChannel: TrafficChannel | null,
) {
  const candidates = sources.filter((source) => source.utmSources.includes(utmSource));
  const score = (source: TAttributionSource) =>
    (mediumChannel && source.channel === mediumChannel ? -1000 : 0) + presetRank(source.presetKey);
  return candidates.sort((a, b) => score(a) - score(b))[0] ?? null;
}

/** Where an untagged visit came from, judging by the referrer alone. */
function presetForReferrer(
  referrerHost: string | null,
  siteDomain: string,
): { channel: TrafficChannel; preset: TPresetKey } {
  if (!referrerHost || isHostOfSite(referrerHost, siteDomain))
    return { channel: "direct", preset: "direct" };
  // Social before search: Dzen lives on a yandex.ru subdomain.
  if (isOneOf(referrerHost, SOCIAL_DOMAINS)) return { channel: "social", preset: "social" };
  if (YANDEX_SEARCH.test(referrerHost)) return { channel: "organic", preset: "organic_yandex" };
  if (GOOGLE_SEARCH.test(referrerHost)) return { channel: "organic", preset: "organic_google" };
  if (isOneOf(referrerHost, OTHER_SEARCH_DOMAINS))
    return { channel: "organic", preset: "organic_other" };
  return { channel: "referral", preset: "referral" };
}

/**
 * Channel, source and campaign value of a new session, decided in this order:
 * 1. `utm_source` names a source (the medium, or an ad click id, or the source itself gives the channel);
 * 2. an ad click id: `yclid` → Яндекс Директ, `gclid` → Google Ads (paid); `fbclid` → social
 *    (Facebook adds it to every outbound link, paid or not);
 * 3. other UTM tags without a known source → the medium's channel, or `other`;
 * 4. the referrer: none or the site itself → direct; a search engine → organic; a social network →
 *    social; any other site → referral.
 */
export function deriveSessionAttribution(input: {
  marks: TCampaignMarks;
  referrer: string | null;
  siteDomain: string;
  sources: TAttributionSource[];
}): TSessionAttribution {
  const { marks, sources } = input;
  const campaignValue = marks.utmCampaign
    ? normalizeCampaignValue(marks.utmCampaign) || null
    : null;
  const utmSource = lower(marks.utmSource);
  const mediumChannel = channelOfMedium(lower(marks.utmMedium));
  const hasAdClick = Boolean(marks.yclid ?? marks.gclid);
  const preset = (key: TPresetKey) =>
    sources.find((source) => source.presetKey === key)?.id ?? null;

  const tagged = utmSource ? findSourceByUtm(sources, utmSource, mediumChannel) : null;
  if (tagged)
    return {
      channel: mediumChannel ?? (hasAdClick ? "paid" : tagged.channel),
      sourceId: tagged.id,
      campaignValue,
    };
  if (marks.yclid) return { channel: "paid", sourceId: preset("yandex_direct"), campaignValue };
  if (marks.gclid) return { channel: "paid", sourceId: preset("google_ads"), campaignValue };
  if (utmSource || mediumChannel || campaignValue)
    return { channel: mediumChannel ?? "other", sourceId: null, campaignValue };
  if (marks.fbclid) return { channel: "social", sourceId: preset("social"), campaignValue: null };

  const byReferrer = presetForReferrer(hostOf(input.referrer), input.siteDomain);
  return { channel: byReferrer.channel, sourceId: preset(byReferrer.preset), campaignValue: null };
}

import { describe, expect, it } from "vitest";

import {
  deriveSessionAttribution,
  type TAttributionSource,
  type TCampaignMarks,
} from "@/server/domain/sites/derive-session-attribution";
import { SOURCE_PRESETS } from "@/server/domain/sites/source-presets";

const sources: TAttributionSource[] = SOURCE_PRESETS.map((preset) => ({
  id: `src_${preset.key}`,
  channel: preset.channel,
  utmSources: preset.utmSources,
  presetKey: preset.key,
}));
const NO_MARKS: TCampaignMarks = {
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  utmTerm: null,
  yclid: null,
  gclid: null,
  fbclid: null,
};

const derive = (
  marks: Partial<TCampaignMarks>,
  referrer: string | null = null,
  extraSources: TAttributionSource[] = [],
) =>
  deriveSessionAttribution({
    marks: { ...NO_MARKS, ...marks },
    referrer,
    siteDomain: "salon.ru",
    sources: [...sources, ...extraSources],
  });

describe("deriveSessionAttribution", () => {
  it("reads paid ads from utm_source and a paid medium, keeping the campaign value", () => {
    expect(derive({ utmSource: "yandex", utmMedium: "cpc", utmCampaign: " Spring_Sale " })).toEqual(
      { channel: "paid", sourceId: "src_yandex_direct", campaignValue: "spring_sale" },
    );
    expect(derive({ utmSource: "vk", utmMedium: "cpm", utmCampaign: "x" })).toMatchObject({
      channel: "paid",
      sourceId: "src_vk_ads",
    });
    expect(derive({ utmSource: "Google", utmMedium: "ppc" })).toEqual({
      channel: "paid",
      sourceId: "src_google_ads",
      campaignValue: null,
    });
  });

  it("takes ad click ids as paid even without UTM", () => {
    expect(derive({ yclid: "123" }, "https://yandex.ru/")).toEqual({
      channel: "paid",
      sourceId: "src_yandex_direct",
      campaignValue: null,
    });
    expect(derive({ gclid: "abc", utmCampaign: "brand" })).toEqual({
      channel: "paid",
      sourceId: "src_google_ads",
      campaignValue: "brand",
    });
    expect(derive({ utmSource: "yandex", yclid: "123" })).toMatchObject({
      channel: "paid",
      sourceId: "src_yandex_direct",
    });
  });

  it("lets the medium pick among sources sharing a utm_source value, else the first preset", () => {
    expect(derive({ utmSource: "vk", utmMedium: "social" })).toMatchObject({
      channel: "social",
      sourceId: "src_social",
    });
    expect(derive({ utmSource: "vk" })).toMatchObject({ channel: "paid", sourceId: "src_vk_ads" });
    expect(derive({ utmSource: "newsletter", utmMedium: "email", utmCampaign: "march" })).toEqual({
      channel: "email",
      sourceId: "src_email",
      campaignValue: "march",
    });
  });

  it("prefers the workspace's own sources over presets", () => {
    const avito: TAttributionSource = {
      id: "src_avito",
      channel: "paid",
      utmSources: ["avito", "yandex"],
      presetKey: null,
    };
    expect(derive({ utmSource: "avito", utmMedium: "cpc" }, null, [avito])).toMatchObject({
      sourceId: "src_avito",
      channel: "paid",
    });
    expect(derive({ utmSource: "yandex" }, null, [avito])).toMatchObject({ sourceId: "src_avito" });
  });

  it("keeps unknown tags as their medium's channel, or other, with no source", () => {
    expect(derive({ utmSource: "avito", utmMedium: "cpc", utmCampaign: "x" })).toEqual({
      channel: "paid",
      sourceId: null,
      campaignValue: "x",
    });
    expect(derive({ utmSource: "partner-blog" })).toEqual({
      channel: "other",
      sourceId: null,
      campaignValue: null,
    });
    expect(derive({ utmCampaign: "x" }, "https://google.com/")).toEqual({
      channel: "other",
      sourceId: null,
      campaignValue: "x",
    });
  });

  it("reads a utm_medium named like a property of Object as any unknown medium", () => {
    for (const utmMedium of ["constructor", "toString", "__proto__"])
      expect(derive({ utmSource: "partner-blog", utmMedium }), utmMedium).toEqual({
        channel: "other",
        sourceId: null,
        campaignValue: null,
      });
  });

  it("classifies untagged visits by referrer", () => {
    expect(derive({}, "https://www.google.ru/")).toEqual({
      channel: "organic",
      sourceId: "src_organic_google",
      campaignValue: null,
    });
    expect(derive({}, "https://yandex.ru/search/?text=salon")).toMatchObject({
      channel: "organic",
      sourceId: "src_organic_yandex",
    });
    expect(derive({}, "https://ya.ru/")).toMatchObject({
      channel: "organic",
      sourceId: "src_organic_yandex",
    });
    expect(derive({}, "https://duckduckgo.com/")).toMatchObject({
      channel: "organic",
      sourceId: "src_organic_other",
    });
    expect(derive({}, "https://dzen.ru/a/xyz")).toMatchObject({
      channel: "social",
      sourceId: "src_social",
    });
    expect(derive({}, "https://m.vk.com/salon")).toMatchObject({
      channel: "social",
      sourceId: "src_social",
    });
    expect(derive({ fbclid: "f" }, "https://l.facebook.com/")).toMatchObject({
      channel: "social",
      sourceId: "src_social",
    });
    expect(derive({}, "https://beauty-blog.ru/top-10")).toMatchObject({
      channel: "referral",
      sourceId: "src_referral",
    });
  });

  it("counts no referrer, or the site itself, as direct", () => {
    expect(derive({}, null)).toEqual({
      channel: "direct",
      sourceId: "src_direct",
      campaignValue: null,
    });
    expect(derive({}, "https://www.salon.ru/prices")).toMatchObject({ channel: "direct" });
    expect(derive({}, "not a url")).toMatchObject({ channel: "direct" });
  });

  it("answers without a source when the presets are missing", () => {
    expect(
      deriveSessionAttribution({
        marks: { ...NO_MARKS, yclid: "1" },
        referrer: null,
        siteDomain: "salon.ru",
        sources: [],
      }),
    ).toEqual({ channel: "paid", sourceId: null, campaignValue: null });
  });
});

import { describe, expect, it } from "vitest";

import {
  attributeLead,
  type TAttributionCandidates,
  type TLeadAttributionSettings,
  type TLeadSessionSnapshot,
} from "@/server/domain/leads/attribute-lead";

const BOOKED_AT = new Date("2025-03-01T07:00:00Z");
const minutesBefore = (minutes: number) => new Date(BOOKED_AT.getTime() - minutes * 60_000);
const SETTINGS: TLeadAttributionSettings = {
  trafficType: "source",
  widgetOpenWindowMinutes: 30,
  contactMatchWindowDays: 30,
};

const session = (
  id: string,
  overrides: Partial<TLeadSessionSnapshot> = {},
): TLeadSessionSnapshot => ({
  id,
  siteId: "site_1",
  sessionKey: `key-${id}-000`,
  startedAt: minutesBefore(60),
  sourceId: "src_yandex",
  campaignId: `cmp_${id}`,
  channel: "paid",
  utmSource: "yandex",
  utmMedium: "cpc",
  utmCampaign: `campaign-${id}`,
  utmContent: null,
  utmTerm: null,
  landingUrl: `https://salon.ru/?utm_campaign=campaign-${id}`,
  referrer: null,
  yclid: `y-${id}`,
  gclid: null,
  fbclid: null,
  ...overrides,
});

const NONE: TAttributionCandidates = {
  carriedSessions: [],
  widgetOpens: [],
  contactMatches: [],
  defaultSource: { id: "src_direct", channel: "direct" },
  defaultSiteId: "site_1",
  defaultCampaign: { id: "cmp_default", sourceId: "src_vk", channel: "paid" },
};

const attribute = (
  candidates: Partial<TAttributionCandidates>,
  settings: Partial<TLeadAttributionSettings> = {},
) =>
  attributeLead({
    bookedAt: BOOKED_AT,
    candidates: { ...NONE, ...candidates },
    settings: { ...SETTINGS, ...settings },
  });

describe("attributeLead", () => {
  it("rule 1: the session carried by the booking wins over every other rule, with its data copied", () => {
    const carried = session("a");
    const result = attribute({
      carriedSessions: [carried],
      widgetOpens: [{ at: minutesBefore(5), session: session("b") }],
      contactMatches: [{ at: minutesBefore(1), session: session("c") }],
    });
    expect(result).toEqual({
      rule: "session_id",
      sessionId: "a",
      siteId: "site_1",
      sourceId: "src_yandex",
      campaignId: "cmp_a",
      channel: "paid",
      utmSource: "yandex",
      utmMedium: "cpc",
      utmCampaign: "campaign-a",
      utmContent: null,
      utmTerm: null,
      landingUrl: "https://salon.ru/?utm_campaign=campaign-a",
      referrer: null,
      yclid: "y-a",
      gclid: null,
      fbclid: null,
    });
  });

  it("rule 1: of rows sharing the key, takes the latest one started before the booking", () => {
    const result = attribute({
      carriedSessions: [
        session("old", { startedAt: minutesBefore(50) }),
        session("new", { startedAt: minutesBefore(10) }),
        session("later", { startedAt: new Date(BOOKED_AT.getTime() + 60_000) }),
      ],
    });
    expect(result).toMatchObject({ rule: "session_id", sessionId: "new" });
  });

  it("rule 2: a single session that opened the widget within the window", () => {
    const only = session("b");
    const result = attribute({
      widgetOpens: [
        { at: minutesBefore(3), session: only },
        { at: minutesBefore(20), session: only },
        { at: minutesBefore(45), session: session("stale") },
      ],
    });
    expect(result).toMatchObject({ rule: "widget_open", sessionId: "b", campaignId: "cmp_b" });
  });

  it("rule 2: two sessions in the window are ambiguous, so the next rule decides", () => {
    const result = attribute({
      widgetOpens: [
        { at: minutesBefore(3), session: session("b") },
        { at: minutesBefore(8), session: session("b2") },
      ],
      contactMatches: [{ at: minutesBefore(60 * 24), session: session("c") }],
    });
    expect(result).toMatchObject({ rule: "contact_match", sessionId: "c" });
  });

  it("rule 2: the window is the tenant's setting", () => {
    expect(
      attribute(
        { widgetOpens: [{ at: minutesBefore(45), session: session("b") }] },
        { widgetOpenWindowMinutes: 60 },
      ),
    ).toMatchObject({ rule: "widget_open", sessionId: "b" });
    expect(
      attribute({ widgetOpens: [{ at: minutesBefore(45), session: session("b") }] }),
    ).toMatchObject({ rule: "default_source" });
  });

  it("rule 3: the nearest preceding contact match within the window; a tie between sessions is not used", () => {
    const far = session("far");
    const near = session("near");
    expect(
      attribute({
        contactMatches: [
          { at: minutesBefore(60 * 24 * 3), session: far },
          { at: minutesBefore(60), session: near },
          { at: minutesBefore(60 * 24 * 40), session: session("too-old") },
        ],
      }),
    ).toMatchObject({ rule: "contact_match", sessionId: "near" });
    expect(
      attribute({
        contactMatches: [
          { at: minutesBefore(60), session: far },
          { at: minutesBefore(60), session: near },
        ],
      }),
    ).toMatchObject({ rule: "default_source" });
    expect(
      attribute(
        { contactMatches: [{ at: minutesBefore(60 * 24 * 3), session: far }] },
        { contactMatchWindowDays: 2 },
      ),
    ).toMatchObject({ rule: "default_source" });
  });

  it("rule 4: the default source and site, or the default campaign with its source", () => {
    expect(attribute({})).toMatchObject({
      rule: "default_source",
      sessionId: null,
      siteId: "site_1",
      sourceId: "src_direct",
      campaignId: null,
      channel: "direct",
      utmCampaign: null,
    });
    expect(attribute({}, { trafficType: "campaign" })).toMatchObject({
      rule: "default_campaign",
      sessionId: null,
      campaignId: "cmp_default",
      sourceId: "src_vk",
      channel: "paid",
    });
    expect(attribute({ defaultSource: null, defaultSiteId: null })).toMatchObject({
      rule: "default_source",
      sourceId: null,
      siteId: null,
      channel: null,
    });
  });
});

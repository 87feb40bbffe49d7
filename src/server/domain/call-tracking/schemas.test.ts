import { describe, expect, it } from "vitest";

import {
  isPlausibleSelector,
  ZCallSettingsSchema,
  ZPhoneE164,
  ZSiteCallTrackingRequestSchema,
  ZTrackingNumberRequestSchema,
} from "@/server/domain/call-tracking/schemas";

const messagesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}:${issue.message}`);

describe("phones", () => {
  it("reads the common ways of writing a number as E.164", () => {
    for (const [typed, e164] of [
      ["+7 (999) 123-45-67", "+79991234567"],
      ["8 999 123 45 67", "+79991234567"],
      ["9991234567", "+79991234567"],
      ["8 (495) 123-45-67", "+74951234567"],
      ["+44 20 7946 0958", "+442079460958"],
    ])
      expect(ZPhoneE164.parse(typed), typed).toBe(e164);
  });

  it("refuses what cannot be a number", () => {
    expect(messagesOf(ZPhoneE164.safeParse("12345"))).toEqual([":phoneInvalid"]);
    expect(messagesOf(ZPhoneE164.safeParse(""))).toEqual([":required"]);
  });
});

describe("tracking number requests", () => {
  it("gives a pool or fallback number its site and nothing else", () => {
    expect(
      ZTrackingNumberRequestSchema.parse({
        phone: "8 999 000 00 01",
        usage: "pool",
        siteId: "site_1",
        sourceId: "src_1",
      }),
    ).toEqual({
      phone: "+79990000001",
      usage: "pool",
      siteId: "site_1",
      sourceId: null,
      campaignId: null,
    });
    expect(
      messagesOf(
        ZTrackingNumberRequestSchema.safeParse({ phone: "+79990000001", usage: "fallback" }),
      ),
    ).toEqual(["siteId:required"]);
  });

  it("needs a source or a campaign for a static number; its site is optional", () => {
    expect(
      messagesOf(
        ZTrackingNumberRequestSchema.safeParse({
          phone: "+79990000001",
          usage: "static",
          siteId: "",
        }),
      ),
    ).toEqual(["sourceId:required"]);
    expect(
      ZTrackingNumberRequestSchema.parse({
        phone: "+79990000001",
        usage: "static",
        campaignId: "cmp_1",
      }),
    ).toMatchObject({ siteId: null, sourceId: null, campaignId: "cmp_1" });
  });
});

describe("site settings", () => {
  const base = { phoneTargets: [], phoneSelector: null, poolHoldMinutes: 15 };

  it("normalizes and deduplicates the site's phones", () => {
    expect(
      ZSiteCallTrackingRequestSchema.parse({
        ...base,
        phoneTargets: ["8 (495) 123-45-67", "+7 495 123 45 67"],
      }).phoneTargets,
    ).toEqual(["+74951234567"]);
  });

  it("needs a phone or a selector, and a hold time within 5–120 minutes", () => {
    expect(messagesOf(ZSiteCallTrackingRequestSchema.safeParse(base))).toEqual([
      "phoneTargets:phoneTargetsRequired",
    ]);
    expect(
      ZSiteCallTrackingRequestSchema.parse({ ...base, phoneSelector: " .phone " }).phoneSelector,
    ).toBe(".phone");
    expect(
      messagesOf(
        ZSiteCallTrackingRequestSchema.safeParse({
          ...base,
          phoneSelector: ".phone",
          poolHoldMinutes: 4,
        }),
      ),
    ).toEqual(["poolHoldMinutes:tooSmall"]);
    expect(
      messagesOf(
        ZSiteCallTrackingRequestSchema.safeParse({
          ...base,
          phoneTargets: ["x"],
          poolHoldMinutes: 121,
        }),
      ),
    ).toEqual(["phoneTargets.0:phoneInvalid", "poolHoldMinutes:tooBig"]);
  });

  it("takes selectors loosely, refusing style sheets and markup", () => {
    for (const selector of [".phone", "header a[href^='tel:']", "#contacts > .tel:not(.fax)"])
      expect(isPlausibleSelector(selector), selector).toBe(true);
    for (const selector of [".phone { color: red }", "<b>", "a[href", ".a)", "a; b"])
      expect(isPlausibleSelector(selector), selector).toBe(false);
  });
});

describe("workspace call settings", () => {
  it("bounds the unique period to 1–365 days and the target duration to 0–3600 s", () => {
    expect(
      ZCallSettingsSchema.safeParse({ callUniqueDays: 30, callTargetSeconds: 0 }).success,
    ).toBe(true);
    expect(
      messagesOf(ZCallSettingsSchema.safeParse({ callUniqueDays: 0, callTargetSeconds: 3601 })),
    ).toEqual(["callUniqueDays:tooSmall", "callTargetSeconds:tooBig"]);
  });
});

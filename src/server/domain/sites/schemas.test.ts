import { describe, expect, it } from "vitest";

import {
  widgetPatternOf,
  ZCampaignRequestSchema,
  ZCreateSiteRequestSchema,
  ZWidgetUrlPatterns,
} from "@/server/domain/sites/schemas";

const issuesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("site and campaign input", () => {
  it("normalizes a site's domain, and names what is wrong with a bad one", () => {
    expect(
      ZCreateSiteRequestSchema.parse({ domain: "https://www.Salon.ru/", name: " Салон " }),
    ).toEqual({ domain: "salon.ru", name: "Салон" });
    expect(issuesOf(ZCreateSiteRequestSchema.safeParse({ domain: "salon", name: "x" }))).toEqual([
      "domainInvalid",
    ]);
    expect(
      issuesOf(ZCreateSiteRequestSchema.safeParse({ domain: "*.example.com", name: "x" })),
    ).toEqual(["domainWildcard"]);
    expect(issuesOf(ZCreateSiteRequestSchema.safeParse({ domain: " ", name: "" }))).toEqual([
      "required",
      "required",
    ]);
  });

  it("stores widget patterns as host/path prefixes, once each", () => {
    expect(
      ZWidgetUrlPatterns.parse([
        "https://www.Klientiks.ru/app/",
        "klientiks.ru/app/",
        "127.0.0.1:4010/app/",
      ]),
    ).toEqual(["klientiks.ru/app/", "127.0.0.1:4010/app/"]);
    expect(issuesOf(ZWidgetUrlPatterns.safeParse(["not a pattern"]))).toEqual([
      "widgetPatternInvalid",
    ]);
    expect(issuesOf(ZWidgetUrlPatterns.safeParse(["app/"]))).toEqual(["widgetPatternInvalid"]);
    expect(issuesOf(ZWidgetUrlPatterns.safeParse([]))).toEqual(["required"]);
  });

  it("lower-cases campaign values and drops blanks and repeats", () => {
    expect(
      ZCampaignRequestSchema.parse({
        name: "Весна",
        sourceId: "src_1",
        utmCampaigns: [" Spring ", "spring", "", "SALE"],
      }),
    ).toEqual({ name: "Весна", sourceId: "src_1", utmCampaigns: ["spring", "sale"] });
    expect(
      issuesOf(
        ZCampaignRequestSchema.safeParse({ name: "Весна", sourceId: "src_1", utmCampaigns: [" "] }),
      ),
    ).toEqual(["required"]);
  });

  it("derives the widget pattern of the Klientiks service the app talks to, port included", () => {
    expect(widgetPatternOf("https://klientiks.ru")).toBe("klientiks.ru/app/");
    expect(widgetPatternOf("https://www.Klientiks.ru/")).toBe("klientiks.ru/app/");
    expect(widgetPatternOf("http://127.0.0.1:4710")).toBe("127.0.0.1:4710/app/");
    expect(ZWidgetUrlPatterns.parse([widgetPatternOf("http://127.0.0.1:4710")])).toEqual([
      "127.0.0.1:4710/app/",
    ]);
  });
});

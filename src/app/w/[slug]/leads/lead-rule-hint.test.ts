import { describe, expect, it } from "vitest";

import { communicationRuleKey, leadRuleHint } from "./lead-rule-hint";

describe("leadRuleHint", () => {
  it("says no default was configured when the fallback rule left the lead without a source or campaign", () => {
    expect(
      leadRuleHint({ attributionRule: "default_source", sourceId: null, campaignId: null }),
    ).toBe("default_source_unset");
    expect(
      leadRuleHint({ attributionRule: "default_campaign", sourceId: null, campaignId: null }),
    ).toBe("default_campaign_unset");
  });

  it("explains the rule itself when it credited something", () => {
    expect(
      leadRuleHint({ attributionRule: "default_source", sourceId: "src_1", campaignId: null }),
    ).toBe("default_source");
    expect(
      leadRuleHint({ attributionRule: "default_campaign", sourceId: "src_1", campaignId: "cmp_1" }),
    ).toBe("default_campaign");
    expect(leadRuleHint({ attributionRule: "session_id", sourceId: null, campaignId: null })).toBe(
      "session_id",
    );
  });
});

describe("communicationRuleKey", () => {
  it("reads a booking's rule as its hint and a call's as its tracking rule", () => {
    const row = { sourceId: null, campaignId: null };
    expect(communicationRuleKey({ ...row, kind: "booking", rule: "default_source" })).toBe(
      "default_source_unset",
    );
    expect(communicationRuleKey({ ...row, kind: "booking", rule: "session_id" })).toBe(
      "session_id",
    );
    expect(communicationRuleKey({ ...row, kind: "call", rule: "unidentified" })).toBe(
      "unidentified",
    );
    expect(communicationRuleKey({ ...row, kind: "call", rule: null })).toBeNull();
  });
});

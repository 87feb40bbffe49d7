import { describe, expect, it } from "vitest";

import {
  AD_TRAFFIC,
  communication,
  DEAL_CREATED_AT,
  DIRECT_TRAFFIC,
} from "@/server/domain/analytics/__fixtures__/communications";
import type { TCommunication } from "@/server/domain/analytics/communication";
import { isDirectTraffic } from "@/server/domain/analytics/direct-traffic";

const lead = (fields: Partial<TCommunication>) =>
  communication("widget_lead", "lead_1", DEAL_CREATED_AT, fields);

describe("isDirectTraffic (deal-attribution §4)", () => {
  it.each<[string, Partial<TCommunication>, boolean]>([
    ["the direct channel", DIRECT_TRAFFIC, true],
    ["the direct channel, even with UTM tags", { ...DIRECT_TRAFFIC, utmSource: "bookmark" }, true],
    ["no traffic data at all, as a call today", {}, true],
    ["a site and nothing else", { siteId: "site_1" }, true],
    ["the workspace's default source", { ...AD_TRAFFIC, isWorkspaceDefault: true }, true],
    ["an ad visit", AD_TRAFFIC, false],
    ["a source alone", { sourceId: "src_social" }, false],
    ["a campaign alone", { campaignId: "cmp_spring" }, false],
    ["a non-direct channel alone", { channel: "organic" }, false],
    ["one UTM tag alone", { utmContent: "banner_2" }, false],
  ])("%s → %s", (_, fields, isDirect) => {
    expect(isDirectTraffic(lead(fields))).toBe(isDirect);
  });
});

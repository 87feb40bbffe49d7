import { describe, expect, it } from "vitest";

import type { TReportRow } from "../analytics-types";
import { NOTHING_COUNTED } from "./funnel";
import { topCampaignsByRevenue, topCampaignsByRomi } from "./top-campaigns";

const zero = { ...NOTHING_COUNTED, costMinor: 0 };

const campaign = (
  campaignId: string,
  revenueMinor: number,
  costMinor: number | null = 0,
  level: TReportRow["level"] = "campaign",
): TReportRow => ({
  level,
  channel: "paid",
  sourceId: "src-yandex",
  campaignId,
  current: { ...zero, revenueMinor, costMinor },
  previous: zero,
});

const idsOf = (ranked: { row: TReportRow }[]) => ranked.map(({ row }) => row.campaignId);

describe("topCampaignsByRevenue", () => {
  it("ranks campaigns by revenue, the most first, with the revenue as the value", () => {
    const ranked = topCampaignsByRevenue([
      campaign("a", 100),
      campaign("b", 300),
      campaign("c", 200),
    ]);
    expect(idsOf(ranked)).toEqual(["b", "c", "a"]);
    expect(ranked.map(({ value }) => value)).toEqual([300, 200, 100]);
  });

  it("keeps only campaign rows that brought revenue", () => {
    const rows = [campaign("", 500, 0, "source"), campaign("none", 0), campaign("", 50)];
    expect(idsOf(topCampaignsByRevenue(rows))).toEqual([""]);
  });

  it("cuts at the limit and breaks ties by the campaign's key, whatever the input order", () => {
    const rows = ["f", "e", "d", "c", "b", "a"].map((id) => campaign(id, 100));
    expect(idsOf(topCampaignsByRevenue(rows))).toEqual(["a", "b", "c", "d", "e"]);
    expect(idsOf(topCampaignsByRevenue([...rows].reverse(), 2))).toEqual(["a", "b"]);
  });

  it("orders equal revenue across sources by the source", () => {
    const other = { ...campaign("a", 100), sourceId: "src-vk" };
    const yandex = campaign("a", 100);
    expect(topCampaignsByRevenue([yandex, other]).map(({ row }) => row.sourceId)).toEqual([
      "src-vk",
      "src-yandex",
    ]);
  });
});

describe("topCampaignsByRomi", () => {
  it("ranks campaigns with a cost by ROMI, losses included", () => {
    const rows = [
      campaign("loss", 50, 100),
      campaign("gain", 300, 100),
      campaign("even", 100, 100),
    ];
    const ranked = topCampaignsByRomi(rows);
    expect(idsOf(ranked)).toEqual(["gain", "even", "loss"]);
    expect(ranked.map(({ value }) => value)).toEqual([2, 0, -0.5]);
  });

  it("leaves out campaigns without a cost and costs the viewer may not see", () => {
    const rows = [
      campaign("free", 500, 0),
      campaign("hidden", 500, null),
      campaign("paid", 0, 100),
    ];
    expect(idsOf(topCampaignsByRomi(rows))).toEqual(["paid"]);
  });
});

import { describe, expect, it } from "vitest";

import { rawRowsHref } from "./raw-row-links";

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };
const campaign = {
  level: "campaign" as const,
  group: { channel: "paid", sourceId: "src_1", campaignId: "cmp_1" },
  children: [],
};

const query = (href: string | null) => new URLSearchParams(href?.split("?")[1] ?? "");

describe("rawRowsHref", () => {
  it("opens the won deals of a campaign in the same days", () => {
    const href = rawRowsHref("salon", NOVEMBER, campaign, "wonDeals");
    expect(href?.startsWith("/w/salon/deals?")).toBe(true);
    const params = query(href);
    expect(params.get("from")).toBe("2026-11-01");
    expect(params.get("to")).toBe("2026-11-30");
    expect(params.getAll("group")).toEqual(["won"]);
    expect(params.getAll("source")).toEqual(["src_1"]);
    expect(params.getAll("campaign")).toEqual(["cmp_1"]);
    expect(params.getAll("channel")).toEqual(["paid"]);
  });

  it("says «none» to Deals for a row without a source or campaign", () => {
    const href = rawRowsHref(
      "salon",
      NOVEMBER,
      { ...campaign, group: { channel: "", sourceId: "", campaignId: "" } },
      "deals",
    );
    expect(query(href).getAll("source")).toEqual(["none"]);
    expect(query(href).getAll("channel")).toEqual(["none"]);
  });

  it("opens a channel's bookings by its sources, and none where Leads cannot filter the group", () => {
    const channel = {
      level: "channel" as const,
      group: { channel: "paid", sourceId: "", campaignId: "" },
      children: [
        { group: { channel: "paid", sourceId: "src_1", campaignId: "" } },
        { group: { channel: "paid", sourceId: "src_2", campaignId: "" } },
      ],
    } as Parameters<typeof rawRowsHref>[2];
    expect(query(rawRowsHref("salon", NOVEMBER, channel, "bookings")).getAll("source")).toEqual([
      "src_1",
      "src_2",
    ]);
    expect(
      rawRowsHref(
        "salon",
        NOVEMBER,
        { ...campaign, group: { ...campaign.group, sourceId: "" } },
        "bookings",
      ),
    ).toBeNull();
  });

  it("opens incoming calls for the total and the undetermined channel only", () => {
    const total = {
      level: "total" as const,
      group: { channel: "", sourceId: "", campaignId: "" },
      children: [],
    };
    expect(query(rawRowsHref("salon", NOVEMBER, total, "calls")).getAll("way")).toEqual([
      "incoming",
    ]);
    expect(rawRowsHref("salon", NOVEMBER, campaign, "calls")).toBeNull();
  });
});

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

  it("opens a channel's bookings in Обращения и цели by the channel, kind booking", () => {
    const channel = {
      level: "channel" as const,
      group: { channel: "paid", sourceId: "", campaignId: "" },
      children: [
        { group: { channel: "paid", sourceId: "src_1", campaignId: "" } },
        { group: { channel: "paid", sourceId: "src_2", campaignId: "" } },
      ],
    } as Parameters<typeof rawRowsHref>[2];
    const href = rawRowsHref("salon", NOVEMBER, channel, "bookings");
    expect(href?.startsWith("/w/salon/leads?")).toBe(true);
    expect(query(href).getAll("kind")).toEqual(["booking"]);
    expect(query(href).getAll("channel")).toEqual(["paid"]);
    expect(query(href).getAll("source")).toEqual([]);
  });

  it("opens a campaign's calls in Обращения и цели, «none» for a missing source or campaign", () => {
    const href = rawRowsHref("salon", NOVEMBER, campaign, "calls");
    expect(href?.startsWith("/w/salon/leads?")).toBe(true);
    const params = query(href);
    expect(params.get("from")).toBe("2026-11-01");
    expect(params.get("to")).toBe("2026-11-30");
    expect(params.getAll("kind")).toEqual(["call"]);
    expect(params.getAll("channel")).toEqual(["paid"]);
    expect(params.getAll("source")).toEqual(["src_1"]);
    expect(params.getAll("campaign")).toEqual(["cmp_1"]);

    const unidentified = query(
      rawRowsHref(
        "salon",
        NOVEMBER,
        { ...campaign, group: { channel: "", sourceId: "", campaignId: "" } },
        "calls",
      ),
    );
    expect(unidentified.getAll("channel")).toEqual(["none"]);
    expect(unidentified.getAll("source")).toEqual(["none"]);
    expect(unidentified.getAll("campaign")).toEqual(["none"]);
  });

  it("opens every incoming call of the period for the total, and no link for a UTM row without both tags", () => {
    const total = {
      level: "total" as const,
      group: { channel: "", sourceId: "", campaignId: "" },
      children: [],
    };
    const params = query(rawRowsHref("salon", NOVEMBER, total, "calls"));
    expect([...params.keys()].sort()).toEqual(["from", "kind", "to"]);
    expect(params.getAll("kind")).toEqual(["call"]);
    const utm = {
      level: "utm" as const,
      group: { ...campaign.group, utmContent: "banner_1", utmTerm: "" },
      children: [],
    };
    expect(rawRowsHref("salon", NOVEMBER, utm, "calls")).toBeNull();
    expect(
      query(
        rawRowsHref(
          "salon",
          NOVEMBER,
          { ...utm, group: { ...utm.group, utmTerm: "стрижка" } },
          "bookings",
        ),
      ).getAll("utm_term"),
    ).toEqual(["стрижка"]);
  });
});

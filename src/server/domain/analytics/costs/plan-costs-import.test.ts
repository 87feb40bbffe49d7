import { describe, expect, it } from "vitest";

import { createCampaignMatcher } from "./match-campaign";
import { planCostsImport } from "./plan-costs-import";

const match = createCampaignMatcher([
  { id: "cmp_spring", name: "Весна", utmCampaigns: ["spring_sale"] },
  { id: "cmp_summer", name: "Лето", utmCampaigns: ["summer"] },
  { id: "cmp_summer_vk", name: "Лето ВК", utmCampaigns: ["summer"] },
]);
const row = (line: number, campaign: string, day = "2026-01-05", amountMinor = 100n) => ({
  line,
  day,
  campaign,
  amountMinor,
});

describe("planCostsImport", () => {
  it("matches names in any case and utm values, and sums a campaign's rows of one day", () => {
    const plan = planCostsImport(
      {
        rows: [
          row(2, " весна "),
          row(3, "SPRING_SALE", "2026-01-05", 50n),
          row(4, "Весна", "2026-01-06"),
        ],
        errors: [],
      },
      match,
    );
    expect(plan).toEqual({
      kind: "write",
      costs: [
        { campaignId: "cmp_spring", day: "2026-01-05", amountMinor: 150n },
        { campaignId: "cmp_spring", day: "2026-01-06", amountMinor: 100n },
      ],
    });
  });

  it("rejects the file with the parser's and the matcher's errors in line order", () => {
    const plan = planCostsImport(
      {
        rows: [row(2, "Весна"), row(4, "Осень"), row(5, "summer")],
        errors: [{ line: 3, reason: "dateInvalid", detail: "x" }],
      },
      match,
    );
    expect(plan).toEqual({
      kind: "reject",
      errors: [
        { line: 3, reason: "dateInvalid", detail: "x" },
        { line: 4, reason: "campaignUnknown", detail: "Осень" },
        { line: 5, reason: "campaignAmbiguous", detail: "summer" },
      ],
    });
  });
});

import { describe, expect, it } from "vitest";

import { buildCostsCsvTemplate } from "./costs-csv-template";
import { parseCostsCsv } from "./parse-costs-csv";

const CAMPAIGNS = ["Весна", 'Скидка; «лето», "VK"'];

describe("buildCostsCsvTemplate", () => {
  it.each([
    { locale: "ru" as const, amount: "1 500,50" },
    { locale: "en" as const, amount: "1500.50" },
  ])(
    "writes a $locale template that imports nothing as is and reads back once filled in",
    ({ locale, amount }) => {
      const template = buildCostsCsvTemplate({
        locale,
        campaignNames: CAMPAIGNS,
        day: "2026-03-01",
      });
      expect(parseCostsCsv(template)).toMatchObject({
        errors: [
          { line: 2, reason: "amountEmpty" },
          { line: 3, reason: "amountEmpty" },
        ],
      });
      const [header, ...rows] = template.trimEnd().split("\r\n");
      const filled = [header, ...rows.map((row) => `${row}${amount}`)].join("\r\n");
      expect(parseCostsCsv(filled)).toEqual({
        kind: "rows",
        errors: [],
        rows: CAMPAIGNS.map((campaign, index) => ({
          line: index + 2,
          day: "2026-03-01",
          campaign,
          amountMinor: 150_050n,
        })),
      });
    },
  );
});

import { describe, expect, it } from "vitest";

import { columnsFor } from "./report-columns";
import { reportCsv } from "./report-csv";
import type { TReportNode } from "./report-tree";

const node: TReportNode = {
  id: "campaign",
  level: "campaign",
  group: { channel: "paid", sourceId: "src_1", campaignId: "cmp_1" },
  current: {
    visits: 100,
    bookings: 4,
    calls: 1,
    newClients: 2,
    deals: 3,
    wonDeals: 2,
    lostDeals: 0,
    revenueMinor: 500_050,
    costMinor: 200_000,
  },
  previous: {
    visits: 0,
    bookings: 0,
    calls: 0,
    newClients: 0,
    deals: 0,
    wonDeals: 0,
    lostDeals: 0,
    revenueMinor: 0,
    costMinor: 0,
  },
  children: [],
};

const csvOf = (showsCosts: boolean) =>
  reportCsv({
    rows: [{ node, depth: 2, isExpanded: false }],
    columns: columnsFor(showsCosts),
    header: {
      level: "Уровень",
      group: "Группа",
      figures: columnsFor(showsCosts).map((c) => c.figure),
    },
    labelOf: () => ({ level: "Кампания", group: "Весна; акция" }),
    dialect: { separator: ";", decimalSeparator: "," },
  });

describe("reportCsv", () => {
  it("writes the shown columns with roubles and ROMI in percent for a Russian spreadsheet", () => {
    const [header, line] = csvOf(true).split("\n");
    expect(header).toBe(
      "\uFEFFУровень;Группа;visits;bookings;calls;newClients;deals;wonDeals;revenueMinor;averageCheckMinor;costMinor;costPerCommunicationMinor;costPerWonDealMinor;romi",
    );
    expect(line).toBe(
      'Кампания;"Весна; акция";100;4;1;2;3;2;5000,50;2500,25;2000,00;400,00;1000,00;150,0',
    );
  });

  it("leaves the cost columns out when costs are hidden", () => {
    expect(csvOf(false).split("\n")[1]).toBe(
      'Кампания;"Весна; акция";100;4;1;2;3;2;5000,50;2500,25',
    );
  });
});

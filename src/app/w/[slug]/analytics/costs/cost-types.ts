import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/api/root";

type TRouterOutputs = inferRouterOutputs<AppRouter>;

export type TCostGrid = TRouterOutputs["costs"]["grid"];
export type TCampaignCosts = TCostGrid["campaigns"][number];
export type TMonthCost = TCampaignCosts["costs"][number];
export type TCostsImportResult = TRouterOutputs["costs"]["importCsv"];

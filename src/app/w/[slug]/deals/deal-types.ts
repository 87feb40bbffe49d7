import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/api/root";

type TRouterOutputs = inferRouterOutputs<AppRouter>;

export type TDealRow = TRouterOutputs["deals"]["list"]["data"][number];
export type TDealDetail = TRouterOutputs["deals"]["byId"];
export type TDealFilterOptions = TRouterOutputs["deals"]["filterOptions"];
export type TStageGroup = TDealRow["stageGroup"];

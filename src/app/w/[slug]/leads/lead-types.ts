import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/api/root";

type TRouterOutputs = inferRouterOutputs<AppRouter>;

export type TLeadRow = TRouterOutputs["leads"]["list"]["data"][number];
export type TLeadDetail = TRouterOutputs["leads"]["byId"];

import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/api/root";

type TRouterOutputs = inferRouterOutputs<AppRouter>;

export type TCallRow = TRouterOutputs["calls"]["list"]["data"][number];
export type TCallDetail = TRouterOutputs["calls"]["detail"];
export type TCallEmployee = TRouterOutputs["calls"]["employees"][number];

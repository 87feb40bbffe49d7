import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/api/root";

export type TClientDetail = inferRouterOutputs<AppRouter>["clients"]["detail"];

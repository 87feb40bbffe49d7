import { serve } from "inngest/next";

import { getEnv } from "@/env";
import { inngestFunctions } from "@/inngest";
import { inngest } from "@/inngest/client";
import { guardInngestEndpoint } from "@/server/http/inngest-endpoint";
import { logger } from "@/server/logging/logger";

/** Cloud mode (signed requests) unless INNGEST_DEV=1 on a developer machine (reliability R24). */
const served = serve({ client: inngest, functions: inngestFunctions });

const guard = {
  isServed: () => getEnv().jobsDriver === "inngest",
  log: logger.child({ component: "inngest-endpoint" }),
};
export const GET = guardInngestEndpoint(served.GET, guard);
export const POST = guardInngestEndpoint(served.POST, guard);
export const PUT = guardInngestEndpoint(served.PUT, guard);

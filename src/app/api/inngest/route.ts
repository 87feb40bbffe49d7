import { serve } from "inngest/next";

import { inngestFunctions } from "@/inngest";
import { inngest } from "@/inngest/client";

/** Cloud mode (signed requests) unless INNGEST_DEV=1 on a developer machine (reliability R24). */
export const { GET, POST, PUT } = serve({ client: inngest, functions: inngestFunctions });
